import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'
import { type AgentLimits, limitsTuple } from './agentPolicy.js'

export type SetAgentLimitsParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  /** The new budget, period and maximum per payment. */
  limits: AgentLimits
}

export type SetAgentLimitsReturnType = { txHash: Hex }

/**
 * Replaces an agent wallet's limits: budget per period, period and maximum per payment. The switches (paused,
 * allow-list only) keep their value whatever was read before, so an edit cannot undo a pause made meanwhile
 * (setAgentWalletPaused and setAgentAllowlistOnly change them). What was spent in the current period still
 * counts against the new budget.
 *
 * @example
 * await setAgentLimits({ publicClient, walletClient, contracts, agent, limits: { budgetPerPeriod: parseUsd('20'), periodSeconds: 86_400, maxPerPayment: parseUsd('2') } })
 */
export async function setAgentLimits({
  publicClient,
  walletClient,
  contracts,
  agent,
  limits,
}: SetAgentLimitsParameters): Promise<SetAgentLimitsReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'setLimits',
      args: [agent, limitsTuple(limits)],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
