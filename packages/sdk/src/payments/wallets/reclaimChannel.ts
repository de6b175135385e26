import type { Hex, PublicClient, WalletClient } from 'viem'
import { agentWalletsAbi } from '../../generated/agentWallets.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type ReclaimChannelParameters = {
  publicClient: PublicClient
  /** Anyone may send it; the refund goes to the wallet that funded the channel. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
}

export type ReclaimChannelReturnType = {
  /** Credited back to the agent's wallet balance (0n for a channel not closed yet, or already reclaimed). */
  refunded: bigint
  txHash: Hex
}

/**
 * Credits a closed wallet channel's refund back to the agent's wallet balance (not to its budget). Reverts
 * `not_channel_of_wallet` for a channel no agent wallet funded.
 *
 * @example
 * const { refunded } = await reclaimChannel({ publicClient, walletClient, contracts, channelId })
 */
export async function reclaimChannel({
  publicClient,
  walletClient,
  contracts,
  channelId,
}: ReclaimChannelParameters): Promise<ReclaimChannelReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'reclaimChannel',
      args: [contracts.paymentChannels, channelId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [refunded] = eventsOf(receipt, contracts.agentWallets, agentWalletsAbi, 'ChannelRefunded')
    return { refunded: refunded?.args.amount ?? 0n, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
