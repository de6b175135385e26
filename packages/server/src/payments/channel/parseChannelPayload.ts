import type { ChannelPayload } from '@rightflow/sdk'
import { z } from 'zod'

const payloadSchema = z.strictObject({
  channelId: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  // A uint256 in decimal without leading zeros: one spelling per amount.
  cumulativeAmount: z.string().regex(/^(0|[1-9]\d{0,77})$/),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
})

/** A `channel` payment's `payload` (a voucher), or undefined when it is not exactly one. */
export function parseChannelPayload(payload: unknown): ChannelPayload | undefined {
  const parsed = payloadSchema.safeParse(payload)
  if (!parsed.success || BigInt(parsed.data.cumulativeAmount) >= 2n ** 256n) return undefined
  return {
    channelId: parsed.data.channelId.toLowerCase() as ChannelPayload['channelId'],
    cumulativeAmount: parsed.data.cumulativeAmount,
    signature: parsed.data.signature as ChannelPayload['signature'],
  }
}
