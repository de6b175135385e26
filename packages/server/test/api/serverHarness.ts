import { type Hex, type SignedRecord, sha256Bytes, signApiRequest } from '@rightflow/sdk'
import type { LocalAccount } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { type Logger, silentLogger } from '../../src/logger.js'
import { type RunningServer, type ServerConfig, startServer } from '../../src/server.js'
import { type DevChain, devKeys, startDevChain } from '../support/devChain.js'

export type Harness = {
  chain: DevChain
  server: RunningServer
  account: ReturnType<typeof privateKeyToAccount>
  domain: { chainId: number; registry: Hex }
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>
  get(path: string): Promise<Response>
  /** Puts a work's bytes on the server as `account` (its record's creator), by a signed request. */
  putContent(account: LocalAccount, bytes: Uint8Array): Promise<Response>
  /** Closes pending batches and lets the indexer see them. */
  anchorNow(): Promise<void>
  stop(): Promise<void>
}

/** A real server over real HTTP on a real anvil, with a fresh SQLite file. */
export async function startHarness(
  databasePath = ':memory:',
  existingChain?: DevChain,
  log: Logger = silentLogger,
  overrides: Partial<ServerConfig> = {},
): Promise<Harness> {
  const chain = existingChain ?? (await startDevChain())
  const server = await startServer({
    rpcUrl: chain.rpcUrl,
    relayerKey: devKeys[1],
    databasePath,
    port: 0,
    batch: { maxCount: 1000, maxAgeMs: 60_000 },
    indexer: { pollMs: 60_000 },
    log,
    ...overrides,
  })
  const account = privateKeyToAccount(generatePrivateKey())
  const domain = { chainId: chain.chainId, registry: chain.registry }
  return {
    chain,
    server,
    account,
    domain,
    post: (path, body, headers = { 'content-type': 'application/json' }) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path) => fetch(`${server.url}${path}`),
    async putContent(account, bytes) {
      const path = `/v1/content/${sha256Bytes(bytes)}`
      const authorization = await signApiRequest({
        account,
        domain,
        method: 'PUT',
        path,
        body: bytes,
      })
      return fetch(`${server.url}${path}`, { method: 'PUT', body: bytes, headers: { authorization } })
    },
    async anchorNow() {
      await server.batcher.tick(true)
      await server.batcher.waitForSent()
      await server.indexer.poll()
    },
    async stop() {
      await server.close()
      if (!existingChain) await chain.stop()
    },
  }
}

export function submission(signed: SignedRecord, extra: Record<string, unknown> = {}) {
  return { record: signed.record, signature: signed.signature, ...extra }
}
