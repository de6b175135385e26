import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Hex } from '@rightflow/sdk'
import type { Hash } from 'viem'
import { benchDir } from './config.js'
import { type ServerProcess, startBenchProcess } from './serverProcess.js'
import type { SettleChain } from './settleChain.js'

/** The price of one paid call: $0.0001 of the test stablecoin (6 decimals), as in docs/channel-scheme.md. */
export const price = 100n
/** The smallest deposit the server asks of a new channel: $0.01. */
export const minDeposit = 10_000n

export const paidPath = '/v1/paid/report'
export const freePath = '/v1/free/report'

/** What bench/settleServe.ts is started with (as JSON in BENCH_SERVE). */
export type SettleServeSettings = {
  rpcUrl: string
  registry: Hex
  /** The payment token the route is priced in. */
  token: Hex
  /** Per call, in token units. */
  price: string
  minDeposit: string
  databasePath: string
}

/** What GET /bench/state answers: every open channel the server holds, amounts as decimal strings. */
export type ServerChannels = {
  channels: { channelId: Hex; charged: string; claimed: string; deposit: string }[]
  /** Failures the channel scheme reported (an undo that could not be made, a store error). */
  errors: number
}

export type Claim = { channels: number; total: bigint; transactions: Hash[] }

export type SettleServer = ServerProcess & {
  paidUrl: string
  freeUrl: string
  state(): Promise<ServerChannels>
  /** The payee claims every channel's latest voucher (one transaction per 100 channels). */
  claim(): Promise<Claim>
  /** The payee closes a channel with its latest voucher (claim and refund in one transaction). */
  close(channelId: Hex): Promise<Hash>
}

/** bench/settleServe.ts in its own process, on a fresh SQLite file under .bench/. */
export async function startSettleServer(chain: SettleChain): Promise<SettleServer> {
  mkdirSync(benchDir, { recursive: true })
  const databasePath = join(benchDir, 'settle-channels.db')
  for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true })
  const settings: SettleServeSettings = {
    rpcUrl: chain.rpcUrl,
    registry: chain.registry,
    token: chain.contracts.paymentToken,
    price: price.toString(),
    minDeposit: minDeposit.toString(),
    databasePath,
  }
  const server = await startBenchProcess('./settleServe.ts', settings)
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  return {
    ...server,
    paidUrl: `${server.url}${paidPath}`,
    freeUrl: `${server.url}${freePath}`,
    state: () => call<ServerChannels>('/bench/state'),
    async claim() {
      const claimed = await call<{ channels: number; total: string; transactions: Hash[] }>(
        '/bench/claim',
        {},
      )
      return { ...claimed, total: BigInt(claimed.total) }
    },
    close: async (channelId) => (await call<{ txHash: Hash }>('/bench/close', { channelId })).txHash,
  }
}
