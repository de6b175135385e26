import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'

export type AnvilOptions = {
  port?: number
  /** Persist chain state in this file (loaded at start, written on exit and every `stateIntervalSeconds`). */
  statePath?: string
  stateIntervalSeconds?: number
  chainId?: number
  /**
   * Run anvil under a small watchdog that stops it when this process dies, whatever kills it (kill -9
   * included), so that no chain is left holding the port.
   */
  dieWithParent?: boolean
  /**
   * Also mine a block every this many seconds (transactions are still mined at once): time moves on an idle chain
   * as on a real one, so streams accrue, deadlines pass and budget periods reset without another transaction.
   * Absent or 0: blocks only when a transaction arrives (anvil's default).
   */
  blockTimeSeconds?: number
}

export type Anvil = {
  rpcUrl: string
  port: number
  /** The process this module started: anvil itself, or its watchdog with `dieWithParent`. */
  process: ChildProcess
  /** anvil's own pid (the same as `process.pid` without a watchdog). */
  pid: number
  stop(): Promise<void>
  /** Ends the chain now: as `stop`, but anvil and its watchdog are killed (SIGKILL) after `graceMs`, not 5 s. */
  kill(graceMs?: number): Promise<void>
}

/** The anvil binary that ships inside the @foundry-rs/anvil npm package: nothing to install globally. */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url)
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string] ?? process.arch
  const name = `@foundry-rs/anvil-${process.platform}-${arch}`
  return join(
    dirname(require.resolve(`${name}/package.json`)),
    'bin',
    process.platform === 'win32' ? 'anvil.exe' : 'anvil',
  )
}

/** Whether nothing listens on this loopback port, so that anvil can take it. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a local anvil chain and waits until it answers JSON-RPC.
 *
 * @example
 * const anvil = await startAnvil({ statePath: '.rightflow/chain.json' }); await anvil.stop()
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<Anvil> {
  const port = options.port ?? (await freePort())
  // Otherwise anvil would fail to bind while whatever holds the port answers our RPC calls, and be adopted.
  if (!(await portIsFree(port)))
    throw new Error(
      `port ${port} is already in use (an anvil left running?): stop that process or choose another port (RIGHTFLOW_ANVIL_PORT)`,
    )
  const args = [
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--chain-id',
    String(options.chainId ?? 31337),
    '--silent',
  ]
  if (options.blockTimeSeconds) args.push('--block-time', String(options.blockTimeSeconds), '--mixed-mining')
  if (options.statePath)
    args.push('--state', options.statePath, '--state-interval', String(options.stateIntervalSeconds ?? 1))
  const child = options.dieWithParent
    ? spawn(process.execPath, [join(import.meta.dirname, 'anvilWatchdog.mjs'), anvilBinary(), ...args], {
        stdio: ['pipe', 'pipe', 'pipe'],
      })
    : spawn(anvilBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const pid = options.dieWithParent ? await firstLineOf(child) : child.pid
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const rpcUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited at start: ${stderr.trim().split('\n').pop()}`)
    const ok = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
    }).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('anvil did not answer within 15 s')
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    rpcUrl,
    port,
    process: child,
    pid: pid!,
    stop: () => end(5_000),
    kill: (graceMs = 1_000) => end(graceMs),
  }

  async function end(graceMs: number): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    // SIGINT lets anvil write its state file before exiting (a watchdog passes it on).
    child.kill('SIGINT')
    const timeout = setTimeout(() => {
      // The watchdog's own SIGKILL of anvil would come only after its 5 s: anvil is killed here too.
      for (const target of new Set([child.pid, pid]))
        try {
          if (target !== undefined) process.kill(target, 'SIGKILL')
        } catch {
          // already gone
        }
    }, graceMs)
    await exited
    clearTimeout(timeout)
  }
}

/** The watchdog's first line: anvil's pid. */
function firstLineOf(child: ChildProcess): Promise<number | undefined> {
  return new Promise((resolve) => {
    let text = ''
    child.stdout!.on('data', (chunk) => {
      text += chunk
      if (text.includes('\n')) resolve(Number(text.split('\n')[0]))
    })
    child.once('exit', () => resolve(undefined))
  })
}
