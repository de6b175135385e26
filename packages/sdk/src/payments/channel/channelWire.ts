import type { Address, Hex } from 'viem'
import type { ChannelRoyalty } from '../channels/channelRoyalty.js'

/** The x402 scheme name of Rightflow payment channels (docs/channel-scheme.md). */
export const channelScheme = 'channel'

/** `extra` of a `channel` PaymentRequirements. */
export type ChannelExtra = {
  /** The PaymentChannels contract. */
  channels: Address
  /** Smallest deposit the server accepts for a new channel, in token units (decimal string). */
  minDeposit: string
  royalty: ChannelRoyalty | null
}

/** `payload` of a `channel` PaymentPayload: a cumulative voucher. */
export type ChannelPayload = { channelId: Hex; cumulativeAmount: string; signature: Hex }

/**
 * The server's view of a channel, in `extra` of the `channel` requirements of a corrective 402
 * (`voucher_stale`, `voucher_insufficient`); `signature` signs `accepted`, so a client can check it signed it.
 */
export type ChannelServerView = {
  channelId: Hex
  accepted: string
  charged: string
  deposit: string
  signature?: Hex | undefined
}

/** `extra` of a successful `channel` PAYMENT-RESPONSE. */
export type ChannelReceipt = { channelId: Hex; accepted: string; charged: string; remaining: string }

const bytes32 = /^0x[0-9a-fA-F]{64}$/
const address = /^0x[0-9a-fA-F]{40}$/
const uint = /^(0|[1-9]\d{0,77})$/

/** `extra` as a ChannelExtra, or undefined when it is not one. */
export function parseChannelExtra(extra: Record<string, unknown> | undefined): ChannelExtra | undefined {
  if (!extra) return undefined
  const { channels, minDeposit, royalty } = extra
  if (typeof channels !== 'string' || !address.test(channels)) return undefined
  if (typeof minDeposit !== 'string' || !uint.test(minDeposit)) return undefined
  const parsed = parseRoyalty(royalty)
  if (parsed === false) return undefined
  return { channels: channels as Address, minDeposit, royalty: parsed }
}

/** A royalty, null for none, or false when malformed. */
export function parseRoyalty(royalty: unknown): ChannelRoyalty | null | false {
  if (royalty === null || royalty === undefined) return null
  if (typeof royalty !== 'object') return false
  const { assetId, bps } = royalty as Record<string, unknown>
  if (typeof assetId !== 'string' || !bytes32.test(assetId)) return false
  if (typeof bps !== 'number' || !Number.isInteger(bps) || bps < 0 || bps > 10_000) return false
  return { assetId: assetId.toLowerCase() as Hex, bps }
}

/** The server's view in a corrective 402's `extra`, or undefined when there is none. */
export function parseServerView(extra: Record<string, unknown> | undefined): ChannelServerView | undefined {
  if (!extra) return undefined
  const { channelId, accepted, charged, deposit, signature } = extra
  if (typeof channelId !== 'string' || !bytes32.test(channelId)) return undefined
  for (const amount of [accepted, charged, deposit])
    if (typeof amount !== 'string' || !uint.test(amount)) return undefined
  if (signature !== undefined && (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(signature)))
    return undefined
  return {
    channelId: channelId as Hex,
    accepted: accepted as string,
    charged: charged as string,
    deposit: deposit as string,
    signature: signature as Hex | undefined,
  }
}

/** True when a channel's on-chain royalty is the one asked for (none ↔ asset 0 and 0 bps). */
export function royaltyMatches(
  wanted: ChannelRoyalty | null,
  channel: { royaltyAsset: bigint; royaltyBps: number },
): boolean {
  if (!wanted) return channel.royaltyAsset === 0n && channel.royaltyBps === 0
  return channel.royaltyAsset === BigInt(wanted.assetId) && channel.royaltyBps === wanted.bps
}
