import { paymentChannelsAbi } from '@rightflow/sdk'
import { type Address, BaseError, ContractFunctionRevertedError, type Hex, type PublicClient } from 'viem'
import type { OnChainChannel } from './ChannelStore.js'

/**
 * A channel as the contract has it now, or undefined when the contract has no such channel. Throws when the
 * chain cannot be read (the caller refuses the payment as `chain_unavailable`).
 *
 * @example
 * const channel = await readChannel(publicClient, chain.payments.paymentChannels, channelId)
 */
export async function readChannel(
  publicClient: PublicClient,
  channels: Address,
  channelId: Hex,
): Promise<OnChainChannel | undefined> {
  try {
    const channel = await publicClient.readContract({
      address: channels,
      abi: paymentChannelsAbi,
      functionName: 'channelOf',
      args: [channelId],
    })
    return {
      payer: channel.payer,
      payee: channel.payee,
      voucherSigner: channel.voucherSigner,
      deposit: channel.deposit,
      claimed: channel.claimed,
      closeRequestedAt: Number(channel.closeRequestedAt),
      closed: channel.closed,
      royaltyAsset: channel.royaltyAsset,
      royaltyBps: channel.royaltyBps,
    }
  } catch (error) {
    const reverted =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === 'UnknownChannel')
      return undefined
    throw error
  }
}
