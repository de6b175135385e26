import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'
import { type AgentPolicyInput, policyTuple } from './agentPolicy.js'

export type SetAgentPolicyParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  /** The whole new policy (switches left out are turned off, including `paused`). */
  policy: AgentPolicyInput
}

export type SetAgentPolicyReturnType = { txHash: Hex }

/**
 * Replaces an agent wallet's policy. What was spent in the current period still counts against the new
 * budget.
 *
 * @example
 * await setAgentPolicy({ publicClient, walletClient, contracts, agent, policy: { ...current, budgetPerPeriod: parseUsd('20') } })
 */
export async function setAgentPolicy({
  publicClient,
  walletClient,
  contracts,
  agent,
  policy,
}: SetAgentPolicyParameters): Promise<SetAgentPolicyReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'setPolicy',
      args: [agent, policyTuple(policy)],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
