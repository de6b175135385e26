import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type SetAgentPayeeParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  payee: Address
  allowed: boolean
}

export type SetAgentPayeeReturnType = { txHash: Hex }

/**
 * Adds a payee to an agent wallet's allow-list, or removes one. The list is consulted only while the policy's
 * `allowlistOnly` is on.
 *
 * @example
 * await setAgentPayee({ publicClient, walletClient, contracts, agent, payee: publisher, allowed: true })
 */
export async function setAgentPayee({
  publicClient,
  walletClient,
  contracts,
  agent,
  payee,
  allowed,
}: SetAgentPayeeParameters): Promise<SetAgentPayeeReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'setPayee',
      args: [agent, payee, allowed],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
