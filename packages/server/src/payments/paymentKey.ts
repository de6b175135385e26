import { canonicalJson } from '@rightflow/sdk'
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'

/**
 * What makes two payments the same payment. For an EIP-3009 authorization that is the token, the payer and
 * the nonce (the contract refuses a second use of the pair, whatever else differs); for any other scheme it is
 * the whole signed payload in canonical form. Network and asset come from the server's requirements, never
 * from what the client claims.
 *
 * @example
 * paymentKey(payload, requirements) // 'eip155:31337:0xtoken:0xpayer:0xnonce'
 */
export function paymentKey(payload: PaymentPayload, requirements: PaymentRequirements): string {
  const authorization = (payload.payload as { authorization?: { from?: unknown; nonce?: unknown } })
    .authorization
  const { network, asset, scheme } = requirements
  if (typeof authorization?.from === 'string' && typeof authorization.nonce === 'string')
    return [network, asset, authorization.from, authorization.nonce].join(':').toLowerCase()
  return `${scheme}:${network}:${canonicalJson(payload.payload)}`
}
