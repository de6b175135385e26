import type { Address, PublicClient } from 'viem'
import { agentWalletsAbi } from '../generated/agentWallets.js'
import type { PaymentPolicy } from './createPayingFetch.js'
import { OverBudgetError, PayeeNotAllowedError } from './paymentErrors.js'

export type AgentWalletPolicyParameters = {
  publicClient: PublicClient
  /** The AgentWallets contract. */
  agentWallets: Address
  /** The agent key whose wallet's policy applies. */
  agent: Address
}

/**
 * A payment policy that applies an agent wallet's on-chain policy to payments the chain does not see in
 * advance (x402 `exact`, paid from the agent key's own tokens): refused with `over_budget` when the wallet is
 * paused, has no wallet, or the price is above its per-payment maximum or what it may still spend this period,
 * and with `payee_not_allowed` when the wallet pays only its allow-list. Read from the chain before every
 * payment, so a change of policy applies at once. (Channels opened from the wallet are checked by the contract
 * itself.)
 *
 * @example
 * createPayingFetch({ account: agent, …, policy: agentWalletPolicy({ publicClient, agentWallets, agent: agent.address }) })
 */
export function agentWalletPolicy({
  publicClient,
  agentWallets,
  agent,
}: AgentWalletPolicyParameters): PaymentPolicy {
  const read = { address: agentWallets, abi: agentWalletsAbi } as const
  return async ({ amount, payTo }) => {
    const price = BigInt(amount)
    // Uncached: a policy changed a moment ago (an allow-list entry, a top-up) must count for this payment.
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 })
    const [wallet, spendable, allowed] = await Promise.all([
      publicClient
        .readContract({ ...read, functionName: 'walletOf', args: [agent], blockNumber })
        .catch(() => undefined),
      publicClient.readContract({ ...read, functionName: 'spendable', args: [agent], blockNumber }),
      publicClient.readContract({
        ...read,
        functionName: 'isPayeeAllowed',
        args: [agent, payTo as Address],
        blockNumber,
      }),
    ])
    if (!wallet) throw new OverBudgetError(price, 0n, `the agent ${agent} may spend (it has no agent wallet)`)
    if (wallet.policy.paused) throw new OverBudgetError(price, 0n, 'its agent wallet may spend while paused')
    if (wallet.policy.allowlistOnly && !allowed) throw new PayeeNotAllowedError(payTo)
    if (price > wallet.policy.maxPerPayment)
      throw new OverBudgetError(price, wallet.policy.maxPerPayment, 'its agent wallet allows per payment')
    if (price > spendable) throw new OverBudgetError(price, spendable, 'its agent wallet may still spend')
  }
}
