/**
 * Runs `task` now and then every `intervalMs` after each run ends (never two at once) until stopped; a failed run
 * is reported and the next one happens as planned.
 *
 * @example
 * const loop = repeat(() => claimer.tick(), 5_000, (e) => log.warn(String(e)))
 * await loop.stop()
 */
export function repeat(task: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false
  const run = async () => {
    running = task().catch(onError)
    await running
    running = undefined
    if (!stopped) timer = setTimeout(run, intervalMs)
  }
  timer = setTimeout(run, 0)
  return {
    async stop(): Promise<void> {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
