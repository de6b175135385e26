import { Hono } from 'hono'
import type { ChainContext } from '../chainContext.js'
import type { ContentStore } from '../content/ContentStore.js'
import type { Indexer } from '../indexer/Indexer.js'
import type { RecordService } from '../ingest/RecordService.js'
import { facilitatorRoutes, maxFacilitatorRequestBytes } from '../payments/facilitator/facilitatorRoutes.js'
import type { Payments } from '../payments/startPayments.js'
import type { PerceptualSearch } from '../perceptual/PerceptualSearch.js'
import type { SqliteRelayQuota } from '../relay/SqliteRelayQuota.js'
import { PaidUseCache } from '../rights/PaidUseCache.js'
import type { UsageGate } from '../rights/usageGate.js'
import type { ProvenanceStore } from '../store/types.js'
import { limitBody } from './limitBody.js'
import { problem, problemFromError } from './problem.js'
import { maxJsonBytes } from './readJson.js'
import { assetRoutes } from './routes/assets.js'
import { consentRoutes } from './routes/consents.js'
import { contentRoutes } from './routes/content.js'
import { docsRoutes } from './routes/docs.js'
import { healthRoutes } from './routes/health.js'
import { type PaidContentOptions, paidContentRoutes } from './routes/paidContent.js'
import { recordRoutes } from './routes/records.js'
import { settlementRoutes } from './routes/settlements.js'
import { maxUploadBytes, verifyFileRoutes } from './routes/verifyFile.js'
import { webRoutes } from './routes/web.js'
import { securityHeaders } from './securityHeaders.js'
import {
  budgetBodies,
  defaultJsonBudgetBytes,
  defaultUploadBudgetBytes,
  UploadBudget,
} from './uploadBudget.js'

export type AppParts = {
  store: ProvenanceStore
  service: RecordService
  chain: ChainContext
  indexer: Indexer
  perceptual: PerceptualSearch
  content: ContentStore
  gate: UsageGate
  /** The x402 facilitator (served under /facilitator) and the paid route's schemes; neither when absent. */
  payments?: Payments | undefined
  /** Direct registrations and relayed consent grants per account per day; unlimited when absent. */
  relayQuota?: SqliteRelayQuota | undefined
  /** /health warns below this relayer balance (wei). */
  relayerMinBalance?: bigint | undefined
  /** PEM trust anchors for validating C2PA manifests. */
  trustAnchorsPem?: string | undefined
  /** Bounds the request bodies held in memory at once; defaultUploadBudgetBytes when absent. */
  uploadBudget?: UploadBudget | undefined
}

/** 1,000 records with metadata fit comfortably; anything larger is refused before it is read. */
export const maxBodyBytes = maxJsonBytes

/** The HTTP API as a Hono app (testable in-process with `app.request()`). */
export function createApp({
  store,
  service,
  chain,
  indexer,
  perceptual,
  content,
  gate,
  payments,
  relayQuota,
  relayerMinBalance,
  trustAnchorsPem,
  uploadBudget = new UploadBudget(defaultUploadBudgetBytes),
}: AppParts) {
  const app = new Hono()
  app.use('*', securityHeaders())
  // Before any body is read: a busy server refuses more bodies rather than growing without limit. Files and JSON
  // draw on separate pools, so neither kind held open can starve the other.
  const jsonBudget = new UploadBudget(defaultJsonBudgetBytes)
  app.use(async (c, next) =>
    isUploadPath(c.req.path)
      ? budgetBodies(uploadBudget, { maxBytesOf: () => maxUploadBytes })(c, next)
      : budgetBodies(jsonBudget, { maxBytesOf: jsonLimitOf })(c, next),
  )
  const jsonLimit = limitBody(maxBodyBytes)
  app.use('/v1/records', jsonLimit)
  app.use('/v1/records/*', jsonLimit)
  app.use('/v1/consents', jsonLimit)
  // File uploads for verification carry their own, larger limit.
  app.route('/v1', verifyFileRoutes(store, perceptual, chain, trustAnchorsPem))
  app.route('/v1', recordRoutes(store, service, perceptual, relayQuota))
  app.route('/v1', contentRoutes({ store, chain, content, gate }))
  app.route('/v1', assetRoutes(chain))
  app.route('/v1', consentRoutes(chain, relayQuota))
  app.route('/v1', settlementRoutes(chain))
  if (payments) app.route('/facilitator', facilitatorRoutes(payments.facilitator))
  const paid = payments && paidContentOptions(payments, chain)
  if (paid)
    app.route(
      '/v1',
      paidContentRoutes({ store, content, cache: new PaidUseCache(gate, chain), options: paid }),
    )
  app.route('/', healthRoutes(store, chain, indexer, { relayerMinBalance }))
  app.route('/', docsRoutes())
  app.route('/', webRoutes())
  app.notFound((c) => problem(c, 'not_found', `No route ${c.req.method} ${c.req.path}.`))
  app.onError((error, c) => problemFromError(c, error))
  return app
}

/** The most a JSON body of this path may be: the facilitator's requests are small. */
function jsonLimitOf(path: string): number {
  return path.startsWith('/facilitator/') ? maxFacilitatorRequestBytes : maxJsonBytes
}

/** Routes that take files (up to maxUploadBytes) rather than JSON. */
function isUploadPath(path: string): boolean {
  return path === '/v1/verify' || path.startsWith('/v1/content/')
}

/** The demo paid route's terms: paid to the relayer (whose key claims the channels), in the payment token. */
function paidContentOptions(payments: Payments, chain: ChainContext): PaidContentOptions | undefined {
  const asset = chain.rights?.paymentToken
  const payTo = chain.walletClient.account?.address
  if (!asset || !payTo || !payments.tokenDomain) return undefined
  return {
    network: payments.network,
    facilitator: payments.facilitator,
    schemes: payments.schemes,
    asset,
    assetDomain: payments.tokenDomain,
    price: payments.config.contentPrice,
    payTo,
    royaltyBps: payments.config.royaltyBps,
    royaltyLedger: payments.royalties?.ledger,
  }
}
