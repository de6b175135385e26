import type { x402ResourceServer } from '@x402/core/server'
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { InFlight } from '../InFlight.js'
import { paymentKey } from '../paymentKey.js'

/** The stable reason a request gets while the same payment is being verified, served or settled for another. */
export const paymentInFlightReason = 'payment_in_flight'

type Hooked = { paymentPayload: unknown; requirements: unknown }

/**
 * Lets one request at a time use a given payment. Without it two requests carrying the same authorization
 * both pass verification (nothing is settled yet), both run the handler, and only the settle tells them
 * apart; with it the second is refused before the handler runs. The lock is released when the payment is
 * settled (the chain then refuses it), fails, or its request is abandoned, and expires on its own.
 *
 * @example
 * guardInFlight(new x402ResourceServer(facilitator).register('eip155:*', new ExactEvmScheme()))
 */
export function guardInFlight(server: x402ResourceServer, ttlMs = 5 * 60_000): x402ResourceServer {
  const inFlight = new InFlight(ttlMs)
  // The middleware passes one payload object through verify, settle and cancel: it identifies the request.
  const keyOf = ({ paymentPayload, requirements }: Hooked) =>
    paymentKey(paymentPayload as PaymentPayload, requirements as PaymentRequirements)
  const release = async (context: Hooked) =>
    inFlight.release(keyOf(context), context.paymentPayload as object)
  return server
    .onBeforeVerify(async (context) => {
      if (inFlight.acquire(keyOf(context), context.paymentPayload as object)) return
      return {
        abort: true,
        reason: paymentInFlightReason,
        message: 'This payment is already being used by another request.',
      }
    })
    .onAfterVerify(async (context) => {
      if (!context.result.isValid) await release(context)
    })
    .onVerifyFailure(release)
    .onAfterSettle(release)
    .onSettleFailure(release)
    .onVerifiedPaymentCanceled(release)
}
