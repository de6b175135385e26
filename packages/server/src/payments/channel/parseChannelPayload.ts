import type { ChannelPayload } from '@rightflow/sdk'

const channelId = /^0x[0-9a-fA-F]{64}$/
// A uint256 in decimal without leading zeros: one spelling per amount.
const amount = /^(0|[1-9]\d{0,77})$/
const signature = /^0x[0-9a-fA-F]{130}$/
const fields = new Set(['channelId', 'cumulativeAmount', 'signature'])

/**
 * A `channel` payment's `payload` (a voucher), or undefined when it is not exactly one. Checked by hand rather
 * than with a schema library: this runs on every paid call, and three patterns cost a tenth of the parse.
 */
export function parseChannelPayload(payload: unknown): ChannelPayload | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined
  const keys = Object.keys(payload)
  if (keys.length !== fields.size || !keys.every((key) => fields.has(key))) return undefined
  const voucher = payload as Record<string, unknown>
  if (typeof voucher.channelId !== 'string' || !channelId.test(voucher.channelId)) return undefined
  if (typeof voucher.cumulativeAmount !== 'string' || !amount.test(voucher.cumulativeAmount)) return undefined
  if (typeof voucher.signature !== 'string' || !signature.test(voucher.signature)) return undefined
  if (BigInt(voucher.cumulativeAmount) >= 2n ** 256n) return undefined
  return {
    channelId: voucher.channelId.toLowerCase() as ChannelPayload['channelId'],
    cumulativeAmount: voucher.cumulativeAmount,
    signature: voucher.signature as ChannelPayload['signature'],
  }
}
