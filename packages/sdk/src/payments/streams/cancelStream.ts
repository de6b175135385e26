import type { Hex, PublicClient, WalletClient } from 'viem'
import { streamsAbi } from '../../generated/streams.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { streamsCallAbi } from '../settleCall.js'

export type CancelStreamParameters = {
  publicClient: PublicClient
  /** The sender or the recipient. */
  walletClient: WalletClient
  contracts: PaymentContracts
  streamId: bigint
}

export type CancelStreamReturnType = {
  /** What had accrued and was not yet withdrawn, paid to the recipient now. */
  toRecipient: bigint
  /** The rest of the deposit, back to the sender. */
  refunded: bigint
  txHash: Hex
}

/**
 * Ends a stream with an exact split as of the block that includes it: the recipient gets what accrued, the
 * sender the rest.
 *
 * @example
 * const { toRecipient, refunded } = await cancelStream({ publicClient, walletClient, contracts, streamId })
 */
export async function cancelStream({
  publicClient,
  walletClient,
  contracts,
  streamId,
}: CancelStreamParameters): Promise<CancelStreamReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.streams,
      abi: streamsCallAbi,
      functionName: 'cancel',
      args: [streamId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [cancelled] = eventsOf(receipt, contracts.streams, streamsAbi, 'StreamCancelledBy')
    return { toRecipient: cancelled!.args.toRecipient, refunded: cancelled!.args.refunded, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
