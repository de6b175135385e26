import type { x402Client } from '@x402/core/client'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import type { PaymentPayload, PaymentRequired, PaymentRequirements, SettleResponse } from '@x402/core/types'
import { decodePaymentResponse } from './x402Header.js'

/** A v2 payment payload as x402's client assembles one: the scheme's `payload` for the requirements chosen. */
export function paymentPayloadOf(
  terms: PaymentRequired,
  chosen: PaymentRequirements,
  payload: Record<string, unknown>,
): PaymentPayload {
  return {
    x402Version: terms.x402Version,
    payload,
    ...(terms.extensions ? { extensions: terms.extensions } : {}),
    ...(terms.resource ? { resource: terms.resource } : {}),
    accepted: chosen,
  }
}

/**
 * What x402's `processPaymentResult` does after a paid request, with our header codec: the settlement (or, on a
 * 402 without one, the new terms) goes to the schemes' response hooks. True when a hook asks for another attempt.
 */
export async function afterPayment(
  client: x402Client,
  paymentPayload: PaymentPayload,
  response: Response,
): Promise<boolean> {
  const settleResponse = decoded(response.headers.get('payment-response'), decodePaymentResponse)
  const paymentRequired =
    !settleResponse && response.status === 402
      ? decoded(response.headers.get('payment-required'), decodePaymentRequiredHeader)
      : undefined
  const result = await client.handlePaymentResponse({
    paymentPayload,
    requirements: paymentPayload.accepted,
    ...(settleResponse ? { settleResponse } : {}),
    ...(paymentRequired ? { paymentRequired } : {}),
  })
  return result?.recovered === true
}

function decoded<T extends SettleResponse | PaymentRequired>(
  header: string | null,
  decode: (header: string) => T,
): T | undefined {
  if (!header) return undefined
  try {
    return decode(header)
  } catch {
    return undefined
  }
}
