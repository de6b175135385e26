import { formatUsd, readPaymentResponse } from '@rightflow/sdk'

/** What the CLI learnt of a payment from the request that carried it and the answer to it. */
export type PaymentSummary = {
  scheme: string
  /** Token units this request cost. */
  amount: string
  payTo: string | undefined
  network: string | undefined
  /** The settlement transaction (`exact`), when the server reported one. */
  transaction: string | undefined
  /** The channel paid through (`channel`). */
  channelId: string | undefined
  /** The voucher's cumulative amount (`channel`). */
  cumulativeAmount: string | undefined
}

type Payload = {
  accepted?: { scheme?: string; amount?: string; payTo?: string; network?: string }
  payload?: { channelId?: string; cumulativeAmount?: string }
}

/**
 * A fetch that remembers the PAYMENT-SIGNATURE of the last request it sent: the x402 v2 header is base64 JSON
 * whose `accepted` says what was paid, so the CLI can report the payment whatever the scheme.
 */
export function observingFetch(): { fetch: typeof globalThis.fetch; lastPayment(): Payload | undefined } {
  let last: Payload | undefined
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(input instanceof Request ? input.headers : undefined)
    for (const [key, value] of new Headers(init?.headers)) headers.set(key, value)
    const signature = headers.get('payment-signature')
    if (signature) last = decode(signature)
    return globalThis.fetch(input, init)
  }
  return { fetch, lastPayment: () => last }
}

function decode(header: string): Payload | undefined {
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Payload
  } catch {
    return undefined
  }
}

/** The payment made for `response`, or undefined when none was asked for. */
export function summarize(payment: Payload | undefined, response: Response): PaymentSummary | undefined {
  if (!payment?.accepted?.scheme) return undefined
  const settled = readPaymentResponse(response)
  return {
    scheme: payment.accepted.scheme,
    amount: payment.accepted.amount ?? '0',
    payTo: payment.accepted.payTo,
    network: payment.accepted.network,
    transaction: settled?.transaction || undefined,
    channelId: payment.payload?.channelId,
    cumulativeAmount: payment.payload?.cumulativeAmount,
  }
}

/** The summary line: scheme, amount, and the transaction or the channel. */
export function summaryLine(summary: PaymentSummary): string {
  const paid = `paid ${formatUsd(BigInt(summary.amount))} USD by ${summary.scheme}`
  if (summary.channelId) {
    const total = summary.cumulativeAmount
      ? ` (voucher for ${formatUsd(BigInt(summary.cumulativeAmount))} USD in total)`
      : ''
    return `${paid} through channel ${summary.channelId}${total}`
  }
  const to = summary.payTo ? ` to ${summary.payTo}` : ''
  return `${paid}${to}${summary.transaction ? `, tx ${summary.transaction}` : ''}`
}
