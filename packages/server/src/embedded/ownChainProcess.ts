import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../logger.js'
import type { Anvil } from './startAnvil.js'

/**
 * What `npm start` remembers of the chain it started, in its data folder: the pids of anvil (and of its
 * watchdog) and the state file they were started with. If `npm start` dies without stopping them, the next
 * start finds them by this file and ends them; the state file in their command line (`--state <path>`, the path
 * this start computes, never the one the file claims) proves a pid is still ours and not a reused one.
 */
type ChainPidFile = { pids: number[]; statePath: string }

export function writeChainPidFile(pidPath: string, anvil: Anvil, statePath: string): void {
  const pids = [...new Set([anvil.process.pid!, anvil.pid])]
  writeFileSync(pidPath, `${JSON.stringify({ pids, statePath } satisfies ChainPidFile)}\n`)
}

function removeChainPidFile(pidPath: string): void {
  rmSync(pidPath, { force: true })
}

/**
 * Ends the chain an earlier start left running (it and the chain's watchdog died before they could stop it),
 * so that this start can take the port and the state file; also run after a stop, for a chain whose watchdog
 * died under it. Removes the pid file once nothing it names is ours and alive. A pid whose command line does not name our state file is someone else's now:
 * it is never signalled. A chain whose watchdog stays alive belongs to a start that is still running: that
 * is refused, never stopped.
 */
export async function stopChainLeftRunning(pidPath: string, log: Logger, statePath: string): Promise<void> {
  const previous = readPidFile(pidPath)
  if (!previous) return
  // A pid file naming another state file is not this data folder's record (or it is corrupt): none of its
  // pids is taken for ours.
  const pids = previous.statePath === statePath ? previous.pids : []
  const ours = (pid: number) =>
    Number.isInteger(pid) && pid > 1 && runsWithStateFile(commandLineOf(pid), statePath)
  for (const pid of pids) {
    if (!ours(pid) || !isWatchdog(commandLineOf(pid))) continue
    // A watchdog whose start died stops its chain and exits within seconds; one that stays has a live start.
    await waitWhile(() => ours(pid), 8_000)
    if (ours(pid))
      throw new Error(
        `another npm start is running with the data folder ${dirname(pidPath)} (its chain's watchdog is pid ${pid}): stop it first, or set RIGHTFLOW_DATA_DIR`,
      )
  }
  for (const pid of pids) {
    // A zombie or a reused pid no longer shows our state file: nothing of ours to stop.
    if (!ours(pid)) continue
    log.warn(`stopping the chain (pid ${pid}) left running without its watchdog`)
    // SIGINT first: anvil writes its state file, so every record of the earlier run survives.
    signal(pid, 'SIGINT')
    await waitWhile(() => ours(pid), 5_000)
    if (ours(pid)) signal(pid, 'SIGKILL')
    await waitWhile(() => ours(pid), 2_000)
  }
  removeChainPidFile(pidPath)
}

function readPidFile(pidPath: string): ChainPidFile | undefined {
  if (!existsSync(pidPath)) return undefined
  try {
    const parsed = JSON.parse(readFileSync(pidPath, 'utf8')) as Partial<ChainPidFile>
    if (!Array.isArray(parsed.pids) || typeof parsed.statePath !== 'string') return undefined
    return { pids: parsed.pids, statePath: parsed.statePath }
  } catch {
    return undefined
  }
}

async function waitWhile(condition: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; waited < ms && condition(); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50))
}

/**
 * A process's arguments: exact, from /proc on Linux; elsewhere the line `ps` prints, never cut at the terminal's
 * width (`-ww`: with COLUMNS exported, plain `ps` cuts it at 80 columns and the state file falls off).
 * Undefined for no such process.
 */
export function commandLineOf(pid: number): string[] | string | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1)
    return argv.length > 0 ? argv : undefined // a zombie has no arguments left
  } catch {
    // no /proc (macOS), or no such process
  }
  if (process.platform === 'linux') return undefined
  try {
    return (
      execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined
    )
  } catch {
    return undefined // no such process
  }
}

/**
 * Whether a command line passes exactly `--state <statePath>` (anvil's, or its watchdog's, which passes anvil
 * its arguments): an argument equal to the path, not one containing it, and never an empty path.
 */
export function runsWithStateFile(commandLine: string[] | string | undefined, statePath: string): boolean {
  if (commandLine === undefined || statePath === '') return false
  if (Array.isArray(commandLine))
    return commandLine.some((argument, i) => argument === '--state' && commandLine[i + 1] === statePath)
  return ` ${commandLine} `.includes(` --state ${statePath} `)
}

function isWatchdog(commandLine: string[] | string | undefined): boolean {
  const argv = Array.isArray(commandLine) ? commandLine : (commandLine?.split(' ') ?? [])
  return argv.some((argument) => argument.endsWith('anvilWatchdog.mjs'))
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // already gone
  }
}
