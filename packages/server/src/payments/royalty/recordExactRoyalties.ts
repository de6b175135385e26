import { parseRoyalty } from '@rightflow/sdk'
import type { x402ResourceServer } from '@x402/core/server'
import type { RoyaltyLedger } from './RoyaltyLedger.js'

/**
 * After every settled `exact` payment whose requirements name a royalty (`extra.royalty`), records the asset's
 * share (floor(amount × bps / 10,000)) as owed by the payee, who received the whole payment. A failure to
 * record is reported to `onError`; the payment itself stands.
 *
 * @example
 * recordExactRoyalties(createResourceServer({ facilitator }), ledger)
 */
export function recordExactRoyalties(
  server: x402ResourceServer,
  ledger: RoyaltyLedger,
  onError: (error: unknown) => void = () => {},
): x402ResourceServer {
  return server.onAfterSettle(async ({ requirements, result }) => {
    if (requirements.scheme !== 'exact' || !result.success) return
    const royalty = parseRoyalty(requirements.extra.royalty)
    if (!royalty || royalty.bps === 0) return
    const share = (BigInt(result.amount ?? requirements.amount) * BigInt(royalty.bps)) / 10_000n
    if (share > 0n) await ledger.addOwed(royalty.assetId, share).catch(onError)
  })
}
