import type { Address, Hex, PublicClient } from 'viem'
import { tokenIdToAssetId } from '../../rights/encodeTerms.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi, unlessUnknown } from '../settleCall.js'
import type { ChannelRoyalty } from './channelRoyalty.js'

/** A payment channel as read from the chain; amounts in payment token units, times in unix seconds. */
export type PaymentChannel = {
  channelId: Hex
  payer: Address
  payee: Address
  voucherSigner: Address
  /** Total ever deposited. */
  deposit: bigint
  /** Total paid out to the payee and royalties. */
  claimed: bigint
  /** deposit - claimed: still claimable by the payee, or refunded to the payer at the close. */
  remaining: bigint
  royalty: ChannelRoyalty | undefined
  /** `closing`: the payer asked to close; the payee may still claim until someone withdraws. */
  state: 'open' | 'closing' | 'closed'
  /** When the payer asked to close without the payee; 0 if not. */
  closeRequestedAt: number
  /** When `withdrawChannel` may refund the payer; undefined without a close request. */
  challengeEndsAt: number | undefined
}

export type ReadChannelParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  channelId: Hex
}

export type ReadChannelReturnType = PaymentChannel | undefined

/**
 * Reads a channel, with what remains and where its close stands; undefined for a channel never opened.
 *
 * @example
 * const channel = await readChannel({ publicClient, contracts, channelId })
 */
export async function readChannel({
  publicClient,
  contracts,
  channelId,
}: ReadChannelParameters): Promise<ReadChannelReturnType> {
  try {
    const read = { address: contracts.paymentChannels, abi: channelsCallAbi } as const
    const [channel, challengePeriod] = await Promise.all([
      unlessUnknown(
        publicClient.readContract({ ...read, functionName: 'channelOf', args: [channelId] }),
        'UnknownChannel',
      ),
      publicClient.readContract({ ...read, functionName: 'challengePeriod' }),
    ])
    if (!channel) return undefined
    const closeRequestedAt = Number(channel.closeRequestedAt)
    const named = channel.royaltyAsset !== 0n || channel.royaltyBps !== 0
    return {
      channelId,
      payer: channel.payer,
      payee: channel.payee,
      voucherSigner: channel.voucherSigner,
      deposit: channel.deposit,
      claimed: channel.claimed,
      remaining: channel.deposit - channel.claimed,
      royalty: named
        ? { assetId: tokenIdToAssetId(channel.royaltyAsset), bps: channel.royaltyBps }
        : undefined,
      state: channel.closed ? 'closed' : closeRequestedAt !== 0 ? 'closing' : 'open',
      closeRequestedAt,
      challengeEndsAt: closeRequestedAt === 0 ? undefined : closeRequestedAt + Number(challengePeriod),
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
