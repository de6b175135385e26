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
}

export type Anvil = { rpcUrl: string; port: number; process: ChildProcess; stop(): Promise<void> }

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
  const args = [
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--chain-id',
    String(options.chainId ?? 31337),
    '--silent',
  ]
  if (options.statePath)
    args.push('--state', options.statePath, '--state-interval', String(options.stateIntervalSeconds ?? 1))
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
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
    async stop() {
      if (child.exitCode !== null) return
      // SIGINT lets anvil write its state file before exiting.
      child.kill('SIGINT')
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timeout)
    },
  }
}
