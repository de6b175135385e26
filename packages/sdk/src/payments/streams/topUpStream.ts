import type { Hex, PublicClient, WalletClient } from 'viem'
import { streamsAbi } from '../../generated/streams.js'
import { eventsOf, requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { sendPulling, streamsCallAbi } from '../settleCall.js'

export type TopUpStreamParameters = {
  publicClient: PublicClient
  /** The stream's sender. */
  walletClient: WalletClient
  contracts: PaymentContracts
  streamId: bigint
  /** Payment token units added to the deposit. */
  amount: bigint
}

export type TopUpStreamReturnType = { deposit: bigint; txHash: Hex; approvalTxHash?: Hex }

/**
 * The sender adds to a stream's deposit: it runs longer at the same rate. On a stream that had run dry, what
 * accrued since (up to the new deposit) is withdrawable at once.
 *
 * @example
 * const { deposit } = await topUpStream({ publicClient, walletClient, contracts, streamId, amount: parseUsd('5') })
 */
export async function topUpStream({
  publicClient,
  walletClient,
  contracts,
  streamId,
  amount,
}: TopUpStreamParameters): Promise<TopUpStreamReturnType> {
  try {
    const account = requireAccount(walletClient)
    const { txHash, receipt, approvalTxHash } = await sendPulling({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.streams,
      simulate: () =>
        publicClient.simulateContract({
          account,
          address: contracts.streams,
          abi: streamsCallAbi,
          functionName: 'topUp',
          args: [streamId, amount],
        }),
    })
    const [topped] = eventsOf(receipt, contracts.streams, streamsAbi, 'StreamToppedUp')
    return { deposit: topped!.args.deposit, txHash, ...(approvalTxHash ? { approvalTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
