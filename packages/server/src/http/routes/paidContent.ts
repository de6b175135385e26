import type { Hex } from '@rightflow/sdk'
import type { FacilitatorClient } from '@x402/core/server'
import type { Network } from '@x402/core/types'
import { Hono } from 'hono'
import type { Address } from 'viem'
import type { ContentStore } from '../../content/ContentStore.js'
import { userBytesHeaders } from '../../content/servingHeaders.js'
import type { RoyaltyLedger } from '../../payments/royalty/RoyaltyLedger.js'
import { paidRoutes } from '../../payments/x402/paidRoutes.js'
import type { PaymentSchemeRegistration } from '../../payments/x402/paymentSchemes.js'
import type { PaidUseCache } from '../../rights/PaidUseCache.js'
import type { ProvenanceStore } from '../../store/types.js'
import { parseContentHash, parseUse } from '../params.js'
import { ProblemError } from '../problem.js'

/** How the demo paid route is priced and paid. */
export type PaidContentOptions = {
  network: Network
  facilitator: FacilitatorClient
  schemes: PaymentSchemeRegistration[]
  /** The payment token and its EIP-712 domain (for `exact`). */
  asset: Address
  assetDomain: { name: string; version: string }
  /** Per call, in token units. */
  price: bigint
  /** Receives the payments: the account the channel claimer claims with. */
  payTo: Address
  /** Share of each payment for the IP asset that covers the bytes. */
  royaltyBps: number
  /** Where the share of `exact` payments is recorded as owed (a channel routes it on chain). */
  royaltyLedger?: RoyaltyLedger | undefined
}

export const paidContentPattern = 'GET /v1/paid/content/:contentHash'

/**
 * GET /v1/paid/content/:contentHash?use=<AI use>: the bytes of a work for a per-call payment instead of a
 * license, by `channel` (a voucher, no transaction) or `exact` (an EIP-3009 transfer). When the content is an IP
 * asset, its owner must allow the use in its current terms, and `royaltyBps` of every payment goes to the
 * asset's vault: credited on chain at claim for a channel (which must carry that royalty), owed by the payee
 * for `exact`. Everything that can be refused without a payment (unknown content, bad use, use not allowed) is
 * refused before the 402; a handler failure after payment undoes the charge.
 */
export function paidContentRoutes(deps: {
  store: ProvenanceStore
  content: ContentStore
  cache: PaidUseCache
  options: PaidContentOptions
}) {
  const { store, content, cache, options } = deps
  const check = async (contentHash: Hex, use: ReturnType<typeof parseUse>) => {
    const records = await store.findByContentHash(contentHash)
    if (records.length === 0 || !(await content.has(contentHash)))
      throw new ProblemError('content_not_found', 'The server holds no bytes with this content hash.')
    const asset = await cache.assetOf(contentHash)
    if (asset && !(await cache.allows(asset.assetId, use)))
      throw new ProblemError(
        'use_not_allowed',
        `The owner of this work does not allow ${use} in its current terms; it cannot be bought per call.`,
        { status: 403, assetId: asset.assetId, use },
      )
    return { mediaType: records[0]!.record.mediaType, asset }
  }

  const app = new Hono<{ Variables: { paidContent: Awaited<ReturnType<typeof check>> } }>()

  app.use('/paid/content/:contentHash', async (c, next) => {
    c.set(
      'paidContent',
      await check(parseContentHash(c.req.param('contentHash')), parseUse(c.req.query('use'))),
    )
    await next()
  })
  app.use(
    '/paid/*',
    paidRoutes({
      network: options.network,
      facilitator: options.facilitator,
      schemes: options.schemes,
      royaltyLedger: options.royaltyLedger,
      routes: {
        [paidContentPattern]: {
          price: { amount: options.price.toString(), asset: options.asset, extra: options.assetDomain },
          payTo: options.payTo,
          schemes: ['channel', 'exact'].filter((name) =>
            options.schemes.some((s) => s.server.scheme === name),
          ),
          royalty: async ({ path }) => {
            const asset = await cache.assetOf(path.split('/').pop()!.toLowerCase() as Hex)
            return asset ? { assetId: asset.assetId, bps: options.royaltyBps } : null
          },
          description: 'The bytes of a registered work, paid per call (royalty to its IP asset)',
        },
      },
    }),
  )
  app.get('/paid/content/:contentHash', async (c) => {
    const { mediaType, asset } = c.get('paidContent')
    const bytes = await content.get(parseContentHash(c.req.param('contentHash')))
    if (!bytes)
      throw new ProblemError('content_not_found', 'The server holds no bytes with this content hash.')
    return c.body(new Uint8Array(bytes), 200, {
      ...userBytesHeaders(mediaType),
      'cache-control': 'private, no-store',
      'rightflow-usage': asset ? `${asset.assetId};basis=paid` : 'public;basis=paid',
    })
  })
  return app
}
