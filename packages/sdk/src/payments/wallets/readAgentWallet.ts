import type { Address, PublicClient } from 'viem'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { unlessUnknown, walletsCallAbi } from '../settleCall.js'
import { type AgentPolicy, policyFromTuple } from './agentPolicy.js'

/** An agent wallet as of the latest block; amounts in payment token units, times in unix seconds. */
export type AgentWallet = {
  agent: Address
  owner: Address
  balance: bigint
  /** Spent in the current period (a period that has ended reads as reset). */
  spentInPeriod: bigint
  periodStart: number
  /** When spending resets: the end of the current period. */
  periodEndsAt: number
  policy: AgentPolicy
  /** What the agent may still spend now: the budget left, capped by the balance; zero while paused. */
  spendable: bigint
}

export type ReadAgentWalletParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  agent: Address
}

export type ReadAgentWalletReturnType = AgentWallet | undefined

/**
 * Reads an agent's wallet, its policy and what it may spend now; undefined when the agent has no wallet.
 *
 * @example
 * const wallet = await readAgentWallet({ publicClient, contracts, agent })
 */
export async function readAgentWallet({
  publicClient,
  contracts,
  agent,
}: ReadAgentWalletParameters): Promise<ReadAgentWalletReturnType> {
  try {
    const read = { address: contracts.agentWallets, abi: walletsCallAbi, args: [agent] } as const
    // One block for both reads, so `spendable` agrees with the period shown; the latest one, not the number the
    // client cached (a period may have just ended).
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 })
    const [wallet, spendable] = await Promise.all([
      unlessUnknown(
        publicClient.readContract({ ...read, functionName: 'walletOf', blockNumber }),
        'UnknownWallet',
      ),
      publicClient.readContract({ ...read, functionName: 'spendable', blockNumber }),
    ])
    if (!wallet) return undefined
    const policy = policyFromTuple(wallet.policy)
    const periodStart = Number(wallet.periodStart)
    return {
      agent,
      owner: wallet.owner,
      balance: wallet.balance,
      spentInPeriod: wallet.spentInPeriod,
      periodStart,
      periodEndsAt: periodStart + policy.periodSeconds,
      policy,
      spendable,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
