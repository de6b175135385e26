import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type WithdrawFromAgentWalletParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  /** Payment token units. */
  amount: bigint
  /** Where the funds go; the owner when absent. */
  to?: Address
}

export type WithdrawFromAgentWalletReturnType = { txHash: Hex }

/**
 * The owner takes funds out of an agent's wallet (`not_owner` for anyone else, `insufficient_balance` above
 * the balance). The policy does not limit the owner.
 *
 * @example
 * await withdrawFromAgentWallet({ publicClient, walletClient, contracts, agent, amount: parseUsd('5') })
 */
export async function withdrawFromAgentWallet({
  publicClient,
  walletClient,
  contracts,
  agent,
  amount,
  to,
}: WithdrawFromAgentWalletParameters): Promise<WithdrawFromAgentWalletReturnType> {
  try {
    const account = requireAccount(walletClient)
    const { request } = await publicClient.simulateContract({
      account,
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'withdraw',
      args: [agent, amount, to ?? account.address],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
