import type { SettleResponse } from '@x402/core/types'
import { decodePaymentResponse } from './x402Header.js'

/**
 * The settlement a paid response reports in its PAYMENT-RESPONSE header (transaction hash, network, payer),
 * or undefined when there is none or it cannot be read.
 *
 * @example
 * const settled = readPaymentResponse(await pay(url)); console.log(settled?.transaction)
 */
export function readPaymentResponse(response: Response): SettleResponse | undefined {
  const header = response.headers.get('payment-response')
  if (!header) return undefined
  try {
    return decodePaymentResponse(header)
  } catch {
    return undefined
  }
}
