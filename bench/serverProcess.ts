import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { ServeSettings } from './serve.js'

export type ServerProcess = {
  url: string
  pid: number
  /** Resident memory now and its peak so far (VmHWM), in MiB, from /proc. */
  memory(): { rssMiB: number; peakMiB: number }
  /** CPU time the server process has used so far (user + system), in seconds, from /proc. */
  cpuSeconds(): number
  stop(): Promise<void>
}

/** The kernel's clock ticks per second, the unit of CPU times in /proc. */
export const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** Starts bench/serve.ts as a child node process (node itself, so /proc/<pid> is the server's). */
export function startServerProcess(settings: ServeSettings): Promise<ServerProcess> {
  return startBenchProcess('./serve.ts', settings)
}

/** Starts a script of bench/ that reads its settings as JSON in BENCH_SERVE and prints {"url": …} once listening. */
export async function startBenchProcess(script: string, settings: unknown): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname], {
    // From the repository root, where `--import tsx` resolves.
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, BENCH_SERVE: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await firstLine(child).catch(async (error) => {
    child.kill('SIGKILL')
    throw error
  })
  const pid = child.pid!
  return {
    url,
    pid,
    memory: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const kib = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
      return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 }
    },
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / clockTicks
    },
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timeout)
    },
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error('the bench server did not start within 60 s')), 60_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the bench server exited with code ${code} before listening`))
    })
  })
}
