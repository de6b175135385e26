import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Logger } from '../logger.js'
import type { Anvil } from './startAnvil.js'

/**
 * What `npm start` remembers of the chain it started, in its data folder: the pids of anvil (and of its
 * watchdog) and the state file they were started with. If `npm start` dies without stopping them, the next
 * start finds them by this file and ends them; the state file in their command line proves a pid is still
 * ours and not a reused one.
 */
type ChainPidFile = { pids: number[]; statePath: string }

export function writeChainPidFile(pidPath: string, anvil: Anvil, statePath: string): void {
  const pids = [...new Set([anvil.process.pid!, anvil.pid])]
  writeFileSync(pidPath, `${JSON.stringify({ pids, statePath } satisfies ChainPidFile)}\n`)
}

export function removeChainPidFile(pidPath: string): void {
  rmSync(pidPath, { force: true })
}

/**
 * Ends the chain an earlier start left running (it died before it could stop it), so that this start can take
 * the port and the state file. A pid whose command line does not name our state file is someone else's now:
 * it is never signalled.
 */
export async function stopChainLeftRunning(pidPath: string, log: Logger): Promise<void> {
  if (!existsSync(pidPath)) return
  let previous: ChainPidFile | undefined
  try {
    previous = JSON.parse(readFileSync(pidPath, 'utf8')) as ChainPidFile
  } catch {
    previous = undefined
  }
  for (const pid of previous?.pids ?? []) {
    // A zombie or a reused pid no longer shows our state file: nothing of ours to stop.
    const ours = () => Number.isInteger(pid) && pid > 1 && !!commandLineOf(pid)?.includes(previous!.statePath)
    if (!ours()) continue
    log.warn(`stopping the chain (pid ${pid}) left running by an earlier start that did not stop it`)
    // SIGINT first: anvil writes its state file, so every record of the earlier run survives.
    signal(pid, 'SIGINT')
    for (let waited = 0; waited < 5_000 && ours(); waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50))
    if (ours()) signal(pid, 'SIGKILL')
    for (let waited = 0; waited < 2_000 && ours(); waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50))
  }
  removeChainPidFile(pidPath)
}

function commandLineOf(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined // no such process
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // already gone
  }
}
