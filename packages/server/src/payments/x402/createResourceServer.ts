import { type FacilitatorClient, x402ResourceServer } from '@x402/core/server'
import { networkMatchesPattern } from '@x402/core/utils'
import type { RoyaltyLedger } from '../royalty/RoyaltyLedger.js'
import { recordExactRoyalties } from '../royalty/recordExactRoyalties.js'
import { guardInFlight } from './guardInFlight.js'
import { exactEvmScheme, type PaymentSchemeRegistration } from './paymentSchemes.js'

export type CreateResourceServerParameters = {
  /** Verifies and settles: our Facilitator in process, or an HTTPFacilitatorClient for one over HTTP. */
  facilitator: FacilitatorClient | FacilitatorClient[]
  /** The schemes routes may ask for; x402's `exact` on every EVM chain when absent. */
  schemes?: PaymentSchemeRegistration[] | undefined
  /** Where the royalty share of `exact` payments on routes with a royalty is recorded as owed. */
  royaltyLedger?: RoyaltyLedger | undefined
}

/**
 * An x402ResourceServer with our schemes registered and one request at a time per payment.
 *
 * @example
 * const server = createResourceServer({ facilitator: new HTTPFacilitatorClient({ url: `${api}/facilitator` }) })
 */
export function createResourceServer({
  facilitator,
  schemes = [exactEvmScheme()],
  royaltyLedger,
}: CreateResourceServerParameters): x402ResourceServer {
  const server = new x402ResourceServer(facilitator)
  for (const { network, server: scheme } of withWildcardsCopied(schemes)) server.register(network, scheme)
  if (royaltyLedger) recordExactRoyalties(server, royaltyLedger)
  return guardInFlight(server)
}

/**
 * x402 looks for a scheme only under the first network key that matches (the exact network before any
 * wildcard), so `channel` on `eip155:31337` would hide `exact` on `eip155:*`. Each wildcard registration is
 * therefore also made under every specific network it matches, unless that network has the scheme already.
 */
function withWildcardsCopied(schemes: PaymentSchemeRegistration[]): PaymentSchemeRegistration[] {
  const specific = [...new Set(schemes.map((s) => s.network).filter((n) => !n.includes('*')))]
  const copies = schemes.flatMap((wild) =>
    !wild.network.includes('*')
      ? []
      : specific
          .filter((network) => networkMatchesPattern(wild.network, network))
          .filter(
            (network) =>
              !schemes.some((s) => s.network === network && s.server.scheme === wild.server.scheme),
          )
          .map((network) => ({ network, server: wild.server })),
  )
  return [...schemes, ...copies]
}
