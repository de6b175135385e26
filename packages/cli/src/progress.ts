import { SingleBar } from 'cli-progress'

export type Progress = { update(done: number, label?: string): void; stop(): void }

/** A progress bar on stderr when a person is watching; silent for scripts and --json. */
export function progressBar(total: number, unit: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY || total < 2) return { update: () => {}, stop: () => {} }
  const bar = new SingleBar({
    stream: process.stderr,
    format: `  {bar} {percentage}% | {value}/{total} ${unit} | eta {eta_formatted} | {label}`,
    hideCursor: true,
    clearOnComplete: true,
  })
  bar.start(total, 0, { label: '' })
  return { update: (done, label = '') => bar.update(done, { label }), stop: () => bar.stop() }
}
