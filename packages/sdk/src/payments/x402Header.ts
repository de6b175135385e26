import {
  decodePaymentResponseHeader,
  decodePaymentSignatureHeader,
  encodePaymentResponseHeader,
  encodePaymentSignatureHeader,
} from '@x402/core/http'
import type { PaymentPayload, SettleResponse } from '@x402/core/types'
import { Base64EncodedRegex } from '@x402/core/utils'
import { assertJsonDepth } from '../hash/jsonDepth.js'

// x402's header codecs (base64 of UTF-8 JSON) go through `btoa`/`atob` one byte at a time wherever `btoa`
// exists, Node included: ~40 µs for a PAYMENT-SIGNATURE, paid on every call by both sides. These write and read
// the same bytes through Node's Buffer, and fall back to x402's own codecs where there is no Buffer (browsers).

const nodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer

/**
 * A PAYMENT-SIGNATURE header value, byte for byte what @x402/core's `encodePaymentSignatureHeader` writes.
 *
 * @example
 * request.headers.set('PAYMENT-SIGNATURE', encodePaymentSignature(payload))
 */
export function encodePaymentSignature(payload: PaymentPayload): string {
  if (!nodeBuffer) return encodePaymentSignatureHeader(payload)
  return nodeBuffer.from(JSON.stringify(payload), 'utf8').toString('base64')
}

/**
 * The JSON a PAYMENT-SIGNATURE header carries (not yet checked against x402's schema); throws, as
 * `decodePaymentSignatureHeader` does, on a value that is not base64 or not JSON, and with `JsonTooDeepError` on
 * JSON nested deeper than `maxJsonDepth` (what is decoded is later hashed in canonical form, which recurses).
 */
export function decodePaymentSignature(header: string): unknown {
  let decoded: unknown
  if (!nodeBuffer) decoded = decodePaymentSignatureHeader(header)
  else {
    if (!Base64EncodedRegex.test(header)) throw new Error('Invalid payment signature header')
    decoded = JSON.parse(nodeBuffer.from(header, 'base64').toString('utf8'))
  }
  assertJsonDepth(decoded)
  return decoded
}

/** A PAYMENT-RESPONSE header value, byte for byte what `encodePaymentResponseHeader` writes. */
export function encodePaymentResponse(response: SettleResponse): string {
  if (!nodeBuffer) return encodePaymentResponseHeader(response)
  // x402 keeps extension responses off the buyer-facing header.
  const { extensionResponses: _, ...buyerFacing } = response as SettleResponse & {
    extensionResponses?: unknown
  }
  return nodeBuffer.from(JSON.stringify(buyerFacing), 'utf8').toString('base64')
}

/** The settlement a PAYMENT-RESPONSE header carries; throws on a value that is not base64 JSON. */
export function decodePaymentResponse(header: string): SettleResponse {
  if (!nodeBuffer) return decodePaymentResponseHeader(header)
  if (!Base64EncodedRegex.test(header)) throw new Error('Invalid payment response header')
  return JSON.parse(nodeBuffer.from(header, 'base64').toString('utf8')) as SettleResponse
}
