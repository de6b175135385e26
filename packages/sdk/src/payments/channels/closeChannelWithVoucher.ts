import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi } from '../settleCall.js'

export type CloseChannelWithVoucherParameters = {
  publicClient: PublicClient
  /** The payee. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
  /** The final voucher's amount and signature. */
  cumulativeAmount: bigint
  signature: Hex
  /** What the payee takes from the channel in total (at most `cumulativeAmount`, which it defaults to). */
  claimTotal?: bigint | undefined
}

export type CloseChannelWithVoucherReturnType = {
  /** Newly claimed by the close, royalties included (0n when it was claimed before). */
  claimed: bigint
  /** What went back to the payer. */
  refunded: bigint
  txHash: Hex
}

/**
 * The payee's cooperative close: brings the claimed total up to `claimTotal` under the final voucher and refunds
 * the rest of the deposit to the payer at once, with no challenge period.
 *
 * @example
 * const { refunded } = await closeChannelWithVoucher({ publicClient, walletClient, contracts, channelId, cumulativeAmount, claimTotal: charged, signature })
 */
export async function closeChannelWithVoucher({
  publicClient,
  walletClient,
  contracts,
  channelId,
  cumulativeAmount,
  signature,
  claimTotal = cumulativeAmount,
}: CloseChannelWithVoucherParameters): Promise<CloseChannelWithVoucherReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.paymentChannels,
      abi: channelsCallAbi,
      functionName: 'closeWithVoucher',
      args: [channelId, cumulativeAmount, claimTotal, signature],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [claimed] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelClaimed')
    const [closed] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelClosedOut')
    return { claimed: claimed?.args.amount ?? 0n, refunded: closed!.args.refunded, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
