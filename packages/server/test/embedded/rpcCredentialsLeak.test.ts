import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../src/embedded/startAnvil.js'
import { type DevChain, devKeys, startDevChain } from '../support/devChain.js'
import { makeSigned } from '../support/records.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

// The three places RPC providers put a credential, each with a value that appears nowhere else.
const secrets = {
  user: 'leakuser7Q',
  password: 'leakpass9Z',
  pathKey: 'Xy12abcDEF34ghIJ56klMN78opQR90st',
  queryKey: 'q0ery5ecretV4lue',
}
const rpcUrlAt = (port: number) =>
  `http://${secrets.user}:${secrets.password}@127.0.0.1:${port}/v2/${secrets.pathKey}?apikey=${secrets.queryKey}`
const expectNoSecret = (text: string) => {
  for (const secret of Object.values(secrets)) expect(text).not.toContain(secret)
}

/** `npm start` against a configured RPC URL, as an operator runs it; stdout and stderr captured together. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      RIGHTFLOW_DATA_DIR: mkdtempSync(join(tmpdir(), 'rf-leak-')),
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => {
    output += d
  })
  child.stderr!.on('data', (d) => {
    output += d
  })
  return { child, output: () => output }
}

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/**
 * An RPC provider in front of anvil that takes the key anywhere in the URL, and can go down: the server's
 * chain then becomes unreachable while it runs.
 */
type Provider = {
  port: number
  seen: { path: string; authorization: string }[]
  down: boolean
  server: Server
}

async function startProvider(upstream: string): Promise<Provider> {
  const provider = { seen: [], down: false } as unknown as Provider
  provider.server = createServer((request, response) => {
    if (provider.down) return request.socket.destroy()
    provider.seen.push({ path: request.url ?? '', authorization: request.headers.authorization ?? '' })
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const answer = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      })
      response.writeHead(answer.status, { 'content-type': 'application/json' })
      response.end(Buffer.from(await answer.arrayBuffer()))
    })
  })
  provider.port = await freePort()
  await new Promise<void>((resolve) => provider.server.listen(provider.port, '127.0.0.1', resolve))
  return provider
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid!, 'SIGKILL')
  await exited
}

describe('an RPC URL carrying credentials (user:pass, a key in the path, an apikey query)', () => {
  let chain: DevChain
  let provider: Provider

  beforeAll(async () => {
    chain = await startDevChain()
    provider = await startProvider(chain.rpcUrl)
  })
  afterAll(async () => {
    await new Promise((resolve) => provider?.server.close(resolve))
    await chain?.stop()
  })

  it('rpc credentials leak at start-up: an unreachable chain is reported without them', async () => {
    const { child, output } = start({
      RIGHTFLOW_RPC_URL: rpcUrlAt(await freePort()),
      RIGHTFLOW_RELAYER_KEY: devKeys[1],
    })
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(output()).toContain('rightflow: ')
    expect(output()).toContain('127.0.0.1')
    expectNoSecret(output())
  })

  it('rpc credentials leak through /health, the logs, the banner and error answers of a running server', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const server = start({
      RIGHTFLOW_RPC_URL: rpcUrlAt(provider.port),
      RIGHTFLOW_RELAYER_KEY: devKeys[1],
      RIGHTFLOW_REGISTRY: chain.registry,
      RIGHTFLOW_PORT: String(port),
    })
    try {
      await until(
        'the banner',
        () => server.output().includes('Rightflow is running') || server.child.exitCode !== null,
      )
      expect(server.output()).toContain('Rightflow is running')
      // The server really talks to the chain through the URL: Basic credentials, the key path and its query.
      expect(provider.seen.at(-1)).toEqual({
        path: `/v2/${secrets.pathKey}?apikey=${secrets.queryKey}`,
        authorization: `Basic ${btoa(`${secrets.user}:${secrets.password}`)}`,
      })
      const healthy = await (await fetch(`${url}/health`)).text()
      expect(JSON.parse(healthy)).toMatchObject({
        status: 'ok',
        chain: { rpcUrl: `http://***@127.0.0.1:${provider.port}/v2/***?apikey=***` },
      })
      expectNoSecret(healthy)

      provider.down = true
      let health = { status: 'ok', indexer: { error: null as string | null } }
      await until('the indexer to fail', async () => {
        health = (await (await fetch(`${url}/health`)).json()) as typeof health
        return health.indexer.error !== null
      })
      expect(health.status).toBe('degraded')
      expectNoSecret(JSON.stringify(health))
      await until('the indexer to log its failure', () => server.output().includes('indexer: '))

      // Routes that reach the chain while it is down answer errors without the credentials.
      const account = privateKeyToAccount(generatePrivateKey())
      const signed = await makeSigned(account, { chainId: chain.chainId, registry: chain.registry })
      const asset = `0x${'ab'.repeat(32)}`
      const answers = await Promise.all([
        fetch(`${url}/v1/assets/${asset}`),
        fetch(`${url}/v1/assets/${asset}/check?use=training&account=${account.address}`),
        fetch(`${url}/v1/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ record: signed.record, signature: signed.signature, mode: 'direct' }),
        }),
      ])
      const texts = await Promise.all(answers.map(async (a) => `${a.status} ${await a.text()}`))
      expect(texts.map((t) => t.slice(0, 3))).toEqual(['503', '503', '503'])
      for (const text of texts) expectNoSecret(text)
    } finally {
      await stop(server.child)
    }
    expect(server.output()).toContain(`at http://***@127.0.0.1:${provider.port}/v2/***?apikey=***`)
    expectNoSecret(server.output())
  })
})
