import type { Address, PublicClient } from 'viem'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type ChannelAccountOfParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  agent: Address
}

export type ChannelAccountOfReturnType = Address

/**
 * The address that pays for an agent's wallet channels and receives their refunds (a clone the wallet
 * contract deploys on first use): a channel whose payer is this address and whose voucher signer is the agent
 * was funded from the agent's wallet.
 *
 * @example
 * const isWalletChannel = channel.payer === (await channelAccountOf({ publicClient, contracts, agent: channel.voucherSigner }))
 */
export async function channelAccountOf({
  publicClient,
  contracts,
  agent,
}: ChannelAccountOfParameters): Promise<ChannelAccountOfReturnType> {
  try {
    return await publicClient.readContract({
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'channelAccountOf',
      args: [agent],
    })
  } catch (error) {
    throw toRightsError(error)
  }
}
