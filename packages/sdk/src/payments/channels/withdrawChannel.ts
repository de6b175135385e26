import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi } from '../settleCall.js'

export type WithdrawChannelParameters = {
  publicClient: PublicClient
  /** Anyone may send it; the refund goes to the payer. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
}

export type WithdrawChannelReturnType = {
  /** What went back to the payer (deposit minus claimed). */
  refunded: bigint
  txHash: Hex
}

/**
 * After the challenge period of a requested close, refunds what was not claimed to the payer and closes the
 * channel (`challenge_period_active` before then, `close_not_requested` without a request). For a wallet
 * channel the refund lands in the agent's channel account: reclaimChannel credits it to the wallet.
 *
 * @example
 * const { refunded } = await withdrawChannel({ publicClient, walletClient, contracts, channelId })
 */
export async function withdrawChannel({
  publicClient,
  walletClient,
  contracts,
  channelId,
}: WithdrawChannelParameters): Promise<WithdrawChannelReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.paymentChannels,
      abi: channelsCallAbi,
      functionName: 'withdraw',
      args: [channelId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [closed] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelClosedOut')
    return { refunded: closed!.args.refunded, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
