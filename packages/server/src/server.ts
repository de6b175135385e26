import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { registryAddress } from '@rightflow/sdk'
import { type Address, createPublicClient, createWalletClient, defineChain, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createNonceManager, jsonRpc } from 'viem/nonce'
import { Batcher, type BatcherOptions } from './anchoring/Batcher.js'
import { capRetryAfter } from './chain/capRetryAfter.js'
import { findContracts, type RightsConfig } from './chain/findContracts.js'
import type { ChainContext } from './chainContext.js'
import { defaultRelayConfig, type RelayConfig } from './config.js'
import { ContentStore } from './content/ContentStore.js'
import { createApp } from './http/app.js'
import { defaultUploadBudgetBytes, UploadBudget } from './http/uploadBudget.js'
import { Indexer } from './indexer/Indexer.js'
import { RecordService } from './ingest/RecordService.js'
import { consoleLogger, type Logger, redactingLogger } from './logger.js'
import { type Payments, type PaymentsConfig, startPayments } from './payments/startPayments.js'
import { PerceptualSearch } from './perceptual/PerceptualSearch.js'
import { guardProcess } from './processGuard.js'
import { SqliteRelayQuota } from './relay/SqliteRelayQuota.js'
import { UsageGate } from './rights/usageGate.js'
import { SqliteStore } from './store/sqlite/SqliteStore.js'
import type { ProvenanceStore } from './store/types.js'

export type ServerConfig = {
  rpcUrl: string
  /** Defaults to the deterministic address the SDK deploys to. */
  registry?: Address | undefined
  rights?: RightsConfig | undefined
  /** Pays for anchoring and direct registrations. */
  relayerKey: Hex
  /** SQLite file path (':memory:' for tests). */
  databasePath: string
  port: number
  host?: string | undefined
  batch?: Partial<BatcherOptions> | undefined
  indexer?: { pollMs?: number; startBlock?: number } | undefined
  log?: Logger | undefined
  store?: ProvenanceStore | undefined
  /** PEM trust anchors for validating C2PA manifests in uploaded files. */
  trustAnchorsPem?: string | undefined
  /** Where the bytes of works are kept; a fresh temporary folder when absent (tests). */
  contentDir?: string | undefined
  /** The paid route's price and royalty share, channel deposits and claim thresholds (defaultPaymentsConfig). */
  payments?: Partial<PaymentsConfig> | undefined
  /** Relay quota for direct registrations and consent grants, and the relayer balance /health warns below. */
  relay?: Partial<RelayConfig> | undefined
  /** Request-body bytes held in memory at once, over all requests (defaultUploadBudgetBytes); more get 503. */
  uploadBudgetBytes?: number | undefined
}

export type RunningServer = {
  url: string
  chain: ChainContext
  store: ProvenanceStore
  batcher: Batcher
  indexer: Indexer
  /** The facilitator, and the `channel` scheme's state and claimer when the Settle contracts are deployed. */
  payments: Payments
  app: ReturnType<typeof createApp>
  /** Request bodies in memory now, and how many were refused as over budget. */
  uploadBudget: UploadBudget
  close(): Promise<void>
}

/** Builds the chain clients; the chain id comes from the RPC itself, so one config works on any chain. */
export async function connectChain(
  rpcUrl: string,
  relayerKey: Hex,
  registry?: Address,
  rights: RightsConfig = {},
): Promise<ChainContext> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  const chainId = await probe.getChainId()
  const chain = defineChain({
    id: chainId,
    name: `eip155:${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const transport = http(rpcUrl, { retryCount: 1, timeout: 10_000, fetchFn: capRetryAfter() })
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 })
  // One nonce manager for every sender of the relayer (anchoring, relayed grants, x402 settlements) so
  // parallel transactions never reuse a nonce.
  const account = privateKeyToAccount(relayerKey, { nonceManager: createNonceManager({ source: jsonRpc() }) })
  const walletClient = createWalletClient({ chain, transport, account })
  const provenance = registry ?? registryAddress()
  return {
    rpcUrl,
    chainId,
    registry: provenance,
    ...(await findContracts(publicClient, provenance, rights)),
    publicClient,
    walletClient,
  }
}

/**
 * Starts the whole server: store, indexer, batcher and HTTP API.
 *
 * @example
 * const server = await startServer({ rpcUrl, relayerKey, databasePath: 'rightflow.db', port: 8645 })
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const log = redactingLogger(config.log ?? consoleLogger)
  guardProcess(log)
  const chain = await connectChain(config.rpcUrl, config.relayerKey, config.registry, config.rights)
  if (!(await chain.publicClient.getCode({ address: chain.registry })))
    throw new Error(`No registry contract at ${chain.registry} on chain ${chain.chainId}; deploy it first.`)
  const store = config.store ?? new SqliteStore(config.databasePath)
  const previousChain = await store.getMeta('chain')
  const thisChain = `${chain.chainId}:${chain.registry.toLowerCase()}`
  if (previousChain && previousChain !== thisChain) {
    log.warn(`this store was indexing ${previousChain}, now ${thisChain}: re-syncing from scratch`)
    await store.resetChainState()
  }
  await store.setMeta('chain', thisChain)

  const indexer = new Indexer(
    store,
    chain,
    {
      pollMs: config.indexer?.pollMs ?? 1000,
      startBlock: config.indexer?.startBlock ?? 0,
      blocksPerQuery: 2000,
    },
    log,
  )
  const batcher = new Batcher(
    store,
    chain,
    {
      maxCount: config.batch?.maxCount ?? 10_000,
      maxAgeMs: config.batch?.maxAgeMs ?? 5_000,
      resendAfterMs: config.batch?.resendAfterMs ?? 120_000,
    },
    log,
  )
  const perceptual = await PerceptualSearch.load(store)
  const service = new RecordService(store, chain, perceptual)
  const content = new ContentStore(config.contentDir ?? (await mkdtemp(join(tmpdir(), 'rightflow-content-'))))
  const gate = new UsageGate(store, chain)
  const relay = { ...defaultRelayConfig, ...config.relay }
  const relayQuota = new SqliteRelayQuota(config.databasePath, relay.quotaPerDay, relay.dailyCap)
  const payments = await startPayments({
    chain,
    databasePath: config.databasePath,
    config: config.payments,
    log,
  })
  const uploadBudget = new UploadBudget(config.uploadBudgetBytes ?? defaultUploadBudgetBytes)
  const app = createApp({
    store,
    service,
    chain,
    indexer,
    perceptual,
    content,
    gate,
    payments,
    relayQuota,
    relayerMinBalance: relay.minBalance,
    trustAnchorsPem: config.trustAnchorsPem,
    uploadBudget,
  })

  await indexer.poll()
  indexer.start()
  batcher.start()
  payments.start()
  const host = config.host ?? '127.0.0.1'
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, port: config.port, hostname: host }, (info) =>
        resolve({ server, port: info.port }),
      )
    },
  )

  return {
    url: `http://${host}:${port}`,
    chain,
    store,
    batcher,
    indexer,
    payments,
    app,
    uploadBudget,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await payments.close()
      await batcher.stop()
      await indexer.stop()
      await service.close()
      await store.close()
      await relayQuota.close()
    },
  }
}
