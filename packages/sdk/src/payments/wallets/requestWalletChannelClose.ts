import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type RequestWalletChannelCloseParameters = {
  publicClient: PublicClient
  /** The wallet's owner or its agent. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
}

export type RequestWalletChannelCloseReturnType = { challengeEndsAt: number; txHash: Hex }

/**
 * Starts leaving a channel funded from an agent wallet, without the payee: the wallet contract asks the
 * channel contract to close as the channel's payer. After the challenge anyone may withdrawChannel, then
 * reclaimChannel to credit the refund to the wallet.
 *
 * @example
 * const { challengeEndsAt } = await requestWalletChannelClose({ publicClient, walletClient, contracts, channelId })
 */
export async function requestWalletChannelClose({
  publicClient,
  walletClient,
  contracts,
  channelId,
}: RequestWalletChannelCloseParameters): Promise<RequestWalletChannelCloseReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'requestChannelClose',
      args: [contracts.paymentChannels, channelId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [requested] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'CloseRequested')
    return { challengeEndsAt: Number(requested!.args.challengeEndsAt), txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
