import { type FacilitatorClient, x402ResourceServer } from '@x402/core/server'
import { guardInFlight } from './guardInFlight.js'
import { exactEvmScheme, type PaymentSchemeRegistration } from './paymentSchemes.js'

export type CreateResourceServerParameters = {
  /** Verifies and settles: our Facilitator in process, or an HTTPFacilitatorClient for one over HTTP. */
  facilitator: FacilitatorClient | FacilitatorClient[]
  /** The schemes routes may ask for; x402's `exact` on every EVM chain when absent. */
  schemes?: PaymentSchemeRegistration[] | undefined
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
}: CreateResourceServerParameters): x402ResourceServer {
  const server = new x402ResourceServer(facilitator)
  for (const { network, server: scheme } of schemes) server.register(network, scheme)
  return guardInFlight(server)
}
