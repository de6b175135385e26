import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLineOf, runsWithStateFile, stopChainLeftRunning } from '../../src/embedded/ownChainProcess.js'

const silent = { info: () => {}, warn: () => {} }
const children: ChildProcess[] = []

/** An idle process with these arguments: a stand-in for anvil (with `--state`) or for an unrelated program. */
async function idleProcess(...args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)', '--', ...args], {
    stdio: 'ignore',
  })
  children.push(child)
  await new Promise((resolve) => child.once('spawn', resolve))
  return child
}

/** Ends the process with SIGTERM and tells which signal ended it: SIGINT if stopChainLeftRunning got there first. */
async function endedBy(child: ChildProcess): Promise<NodeJS.Signals | null> {
  const exited = new Promise((resolve) =>
    (child.exitCode ?? child.signalCode) !== null ? resolve(undefined) : child.once('exit', resolve),
  )
  child.kill('SIGTERM')
  await exited
  return child.signalCode
}

function dataFolder(pidFile: object): { pidPath: string; statePath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rf-own-chain-'))
  const pidPath = join(dir, 'anvil.pid')
  writeFileSync(pidPath, JSON.stringify(pidFile))
  return { pidPath, statePath: join(dir, 'chain-state.json') }
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

describe('which process a pid file names as our chain', () => {
  it('a corrupt pid file with an empty state path never signals an unrelated process', async () => {
    const unrelated = await idleProcess('--port', '8545')
    const { pidPath, statePath } = dataFolder({ pids: [unrelated.pid], statePath: '' })
    await stopChainLeftRunning(pidPath, silent, statePath)
    expect(await endedBy(unrelated)).toBe('SIGTERM')
  })

  it('a pid file claiming another state file never signals the process that runs with it', async () => {
    const other = join(mkdtempSync(join(tmpdir(), 'rf-other-')), 'chain-state.json')
    const elsewhere = await idleProcess('--state', other)
    const { pidPath, statePath } = dataFolder({ pids: [elsewhere.pid], statePath: other })
    await stopChainLeftRunning(pidPath, silent, statePath)
    expect(await endedBy(elsewhere)).toBe('SIGTERM')
  })

  it('a chain left running is found though ps would cut its command line at 80 columns (COLUMNS exported)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rf-own-chain-')), 'a-data-folder-with-a-long-name'.repeat(3))
    const statePath = join(dir, 'chain-state.json')
    const orphan = await idleProcess('--port', '8545', '--state', statePath, '--state-interval', '1')
    const { pidPath } = dataFolder({ pids: [orphan.pid], statePath })
    const columns = process.env.COLUMNS
    process.env.COLUMNS = '80'
    try {
      await stopChainLeftRunning(pidPath, silent, statePath)
    } finally {
      if (columns === undefined) delete process.env.COLUMNS
      else process.env.COLUMNS = columns
    }
    // SIGINT first, as for anvil (it writes its state file on SIGINT).
    expect(await endedBy(orphan)).toBe('SIGINT')
  })

  it('reads a process’s whole command line', async () => {
    const statePath = join(tmpdir(), 'x'.repeat(200), 'chain-state.json')
    const child = await idleProcess('--state', statePath)
    expect(runsWithStateFile(commandLineOf(child.pid!), statePath)).toBe(true)
    expect(commandLineOf(2 ** 22 + 12345)).toBeUndefined()
  })

  it('takes only the exact `--state <path>` argument for ours', () => {
    const statePath = '/data/rightflow/chain-state.json'
    const anvil = ['anvil', '--port', '8545', '--state', statePath, '--state-interval', '1']
    expect(runsWithStateFile(anvil, statePath)).toBe(true)
    expect(runsWithStateFile(anvil.join(' '), statePath)).toBe(true)
    // Another data folder whose state path starts like ours, a path given as another flag's value, an empty path.
    expect(runsWithStateFile(['anvil', '--state', `${statePath}.old`], statePath)).toBe(false)
    expect(runsWithStateFile(`anvil --state ${statePath}.old --silent`, statePath)).toBe(false)
    expect(runsWithStateFile(['cat', statePath], statePath)).toBe(false)
    expect(runsWithStateFile(anvil, '')).toBe(false)
    expect(runsWithStateFile('anvil --state  --silent', '')).toBe(false)
    // What plain `ps` prints with COLUMNS=80: the path cut short is not ours (hence -ww or /proc).
    expect(runsWithStateFile(anvil.join(' ').slice(0, 30), statePath)).toBe(false)
    expect(runsWithStateFile(undefined, statePath)).toBe(false)
  })
})
