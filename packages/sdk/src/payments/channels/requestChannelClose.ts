import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi } from '../settleCall.js'

export type RequestChannelCloseParameters = {
  publicClient: PublicClient
  /** The payer. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
}

export type RequestChannelCloseReturnType = {
  /** Unix seconds from which `withdrawChannel` refunds the payer; the payee may claim until then (and after, until someone withdraws). */
  challengeEndsAt: number
  txHash: Hex
}

/**
 * The payer starts leaving a channel without the payee. Requesting again changes nothing (the first request's
 * challenge end stands). For a channel funded from an agent wallet use requestWalletChannelClose.
 *
 * @example
 * const { challengeEndsAt } = await requestChannelClose({ publicClient, walletClient, contracts, channelId })
 */
export async function requestChannelClose({
  publicClient,
  walletClient,
  contracts,
  channelId,
}: RequestChannelCloseParameters): Promise<RequestChannelCloseReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.paymentChannels,
      abi: channelsCallAbi,
      functionName: 'requestClose',
      args: [channelId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [requested] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'CloseRequested')
    return { challengeEndsAt: Number(requested!.args.challengeEndsAt), txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
