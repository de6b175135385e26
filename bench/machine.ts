import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

export type Machine = {
  date: string
  commit: string
  node: string
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  loadAverage: string
}

/** Facts about this machine and checkout, for the report's header. Read-only: no git state is touched. */
export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'
  const mhz = cpus()[0]?.speed
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: commit(),
    node: process.version,
    cpu: mhz ? `${model} (${mhz} MHz)` : model,
    cores: (cpuinfo.match(/^processor\s*:/gm) ?? []).length || cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(safeRead('/etc/os-release'))?.[1] ?? process.platform,
    loadAverage: loadAverage(),
  }
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews every number here. */
export function loadAverage(): string {
  return safeRead('/proc/loadavg').split(' ').slice(0, 3).join(' ')
}

function commit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], { encoding: 'utf8' }).trim()
  try {
    const head = git('rev-parse', '--short', 'HEAD')
    return git('status', '--porcelain', '--untracked-files=no') ? `${head} + uncommitted changes` : head
  } catch {
    return 'unknown'
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
