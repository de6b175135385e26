import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { streamsAbi } from '../../generated/streams.js'
import { eventsOf, requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { sendPulling, streamsCallAbi } from '../settleCall.js'

export type OpenStreamParameters = {
  publicClient: PublicClient
  /** The sender, who funds the stream. */
  walletClient: WalletClient
  contracts: PaymentContracts
  recipient: Address
  /** Payment token units accruing to the recipient each second. */
  ratePerSecond: bigint
  /** Payment token units locked; the stream runs until they have all accrued. */
  deposit: bigint
}

export type OpenStreamReturnType = { streamId: bigint; txHash: Hex; approvalTxHash?: Hex }

/**
 * Opens a stream that pays `recipient` `ratePerSecond` from now until the deposit runs out; approves exactly
 * the deposit first when the allowance is short.
 *
 * @example
 * const { streamId } = await openStream({ publicClient, walletClient, contracts, recipient, ratePerSecond: 100n, deposit: parseUsd('8.64') })
 */
export async function openStream({
  publicClient,
  walletClient,
  contracts,
  recipient,
  ratePerSecond,
  deposit,
}: OpenStreamParameters): Promise<OpenStreamReturnType> {
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
          functionName: 'open',
          args: [recipient, ratePerSecond, deposit],
        }),
    })
    const [opened] = eventsOf(receipt, contracts.streams, streamsAbi, 'StreamOpened')
    return { streamId: opened!.args.streamId, txHash, ...(approvalTxHash ? { approvalTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
