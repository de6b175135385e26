import { redactUrlsInText } from '@rightflow/sdk'
import { decodePaymentRequiredHeader, decodePaymentResponseHeader } from '@x402/core/http'
import type { Problem } from '../../http/problem.js'
import { channelReasonTitles } from '../channel/channelReasons.js'

/** Reasons our middleware gives besides those of the schemes and facilitator (e.g. `invalid_exact_evm_*`). */
export const paymentReasons = {
  required: 'payment_required',
  malformed: 'malformed_payment',
  requirementsMismatch: 'requirements_mismatch',
  invalid: 'payment_invalid',
  facilitatorUnavailable: 'facilitator_unavailable',
} as const

const titles: Record<string, string> = {
  [paymentReasons.required]: 'This resource needs a payment: see the PAYMENT-REQUIRED header.',
  [paymentReasons.malformed]: 'The PAYMENT-SIGNATURE header is not a base64 x402 payment payload.',
  [paymentReasons.requirementsMismatch]: 'The payment does not match any way this resource accepts payment.',
  [paymentReasons.facilitatorUnavailable]: 'The payment facilitator did not answer; nothing was charged.',
  ...channelReasonTitles,
}

/** x402's messages that are not codes, as codes. */
const codesOfMessages: Record<string, string> = {
  'Payment required': paymentReasons.required,
  'No matching payment requirements': paymentReasons.requirementsMismatch,
}

/** A reason from an x402 header as a stable snake_case code, with the original text when it was prose. */
export function reasonCode(reason: string | undefined): { code: string; detail?: string } {
  if (!reason) return { code: paymentReasons.invalid }
  const known = codesOfMessages[reason]
  if (known) return { code: known }
  if (/^[a-z0-9_]+$/.test(reason)) return { code: reason }
  return { code: paymentReasons.invalid, detail: reason }
}

/** Why a 402 was answered: a failed settle (PAYMENT-RESPONSE) or a refused or missing payment (PAYMENT-REQUIRED). */
export function paymentFailureOf(headers: Headers): { code: string; detail?: string } {
  try {
    const settled = headers.get('payment-response')
    if (settled) {
      return reasonCode(decodePaymentResponseHeader(settled).errorReason)
    }
    const required = headers.get('payment-required')
    if (required) return reasonCode(decodePaymentRequiredHeader(required).error)
  } catch {
    // Our own headers always decode; a failure here leaves the generic reason.
  }
  return { code: paymentReasons.invalid }
}

/** An RFC 9457 body for a payment failure; the x402 headers stay on the response beside it. */
export function paymentProblemBody(code: string, status: number, detail?: string): string {
  const body: Problem = {
    type: `urn:rightflow:problem:${code}`,
    title: titles[code] ?? 'The payment was refused.',
    status,
    code,
    // A detail may be a facilitator's or chain's message, which can embed the RPC URL and its key.
    ...(detail ? { detail: redactUrlsInText(detail) } : {}),
  }
  return JSON.stringify(body)
}
