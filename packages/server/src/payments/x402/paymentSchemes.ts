import type { Network, SchemeNetworkServer } from '@x402/core/types'
import { ExactEvmScheme } from '@x402/evm/exact/server'

/**
 * One scheme's server side for the networks it serves (CAIP-2; `eip155:*` for every EVM chain). A route names a
 * scheme and a network in each way it accepts payment. x402ResourceServer groups registrations by network key
 * and looks for the scheme only under the first key that matches (the exact network, else the first wildcard):
 * register every scheme of a network under the same key, or `eip155:31337` hides `exact` on `eip155:*`.
 */
export type PaymentSchemeRegistration = { network: Network; server: SchemeNetworkServer }

/**
 * x402's `exact` scheme on EVM chains: the client signs an EIP-3009 transferWithAuthorization for exactly the
 * price, the facilitator submits it after the handler has answered.
 *
 * @example
 * createResourceServer({ facilitator, schemes: [exactEvmScheme(), { network: 'eip155:*', server: channelScheme }] })
 */
export function exactEvmScheme(network: Network = 'eip155:*'): PaymentSchemeRegistration {
  return { network, server: new ExactEvmScheme() }
}
