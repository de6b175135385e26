import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi, sendPulling } from '../settleCall.js'

export type TopUpChannelParameters = {
  publicClient: PublicClient
  /** Anyone may top up; the refund still goes to the payer. */
  walletClient: WalletClient
  contracts: PaymentContracts
  channelId: Hex
  /** Payment token units added to the deposit. */
  amount: bigint
}

export type TopUpChannelReturnType = { deposit: bigint; txHash: Hex; approvalTxHash?: Hex }

/**
 * Adds to a channel's deposit. A top-up by the payer also cancels a pending close; anyone else's does not.
 *
 * @example
 * const { deposit } = await topUpChannel({ publicClient, walletClient, contracts, channelId, amount: parseUsd('1') })
 */
export async function topUpChannel({
  publicClient,
  walletClient,
  contracts,
  channelId,
  amount,
}: TopUpChannelParameters): Promise<TopUpChannelReturnType> {
  try {
    const account = requireAccount(walletClient)
    const { txHash, receipt, approvalTxHash } = await sendPulling({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.paymentChannels,
      simulate: () =>
        publicClient.simulateContract({
          account,
          address: contracts.paymentChannels,
          abi: channelsCallAbi,
          functionName: 'topUp',
          args: [channelId, amount],
        }),
    })
    const [topped] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelToppedUp')
    return { deposit: topped!.args.deposit, txHash, ...(approvalTxHash ? { approvalTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
