import type { Hex, PublicClient, WalletClient } from 'viem'
import { streamsAbi } from '../../generated/streams.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { streamsCallAbi } from '../settleCall.js'

export type WithdrawFromStreamParameters = {
  publicClient: PublicClient
  /** The stream's recipient. */
  walletClient: WalletClient
  contracts: PaymentContracts
  streamId: bigint
  /** Payment token units to take; everything accrued when absent (or 0n). */
  amount?: bigint
}

export type WithdrawFromStreamReturnType = { amount: bigint; txHash: Hex }

/**
 * The recipient takes what has accrued (`over_withdrawable` above it; `zero_amount` when nothing has).
 * Everything accrued up to the block that includes the transaction is taken when no amount is given.
 *
 * @example
 * const { amount } = await withdrawFromStream({ publicClient, walletClient, contracts, streamId })
 */
export async function withdrawFromStream({
  publicClient,
  walletClient,
  contracts,
  streamId,
  amount = 0n,
}: WithdrawFromStreamParameters): Promise<WithdrawFromStreamReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.streams,
      abi: streamsCallAbi,
      functionName: 'withdraw',
      args: [streamId, amount],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [withdrawn] = eventsOf(receipt, contracts.streams, streamsAbi, 'StreamWithdrawn')
    return { amount: withdrawn!.args.amount, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
