import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'
import { type AgentPolicyInput, policyTuple } from './agentPolicy.js'

export type CreateAgentWalletParameters = {
  publicClient: PublicClient
  /** The owner: tops up, withdraws and sets the policy. */
  walletClient: WalletClient
  contracts: PaymentContracts
  /** The agent's key, which spends within the policy. One wallet per agent. */
  agent: Address
  policy: AgentPolicyInput
  /**
   * The agent's consent naming this wallet client's account as owner (signWalletConsent). Not needed when the
   * agent creates a wallet it owns itself (its own call is its consent).
   */
  consent?: { deadline: bigint; signature: Hex } | undefined
}

export type CreateAgentWalletReturnType = { txHash: Hex }

/**
 * Creates the spending wallet of an agent key, owned by the wallet account, with the agent's consent. The
 * contract refuses a consent that is missing, signed by another key or for another owner (`invalid_signature`)
 * or past its deadline (`consent_expired`), a policy that cannot work (`invalid_policy`: a zero period, budget
 * or maximum, or a maximum above the budget) and a second wallet for the same agent (`wallet_exists`). Fund it
 * with depositToAgentWallet.
 *
 * @example
 * const { signature } = await signWalletConsent({ account: agent, domain, owner: owner.address, deadline })
 * await createAgentWallet({ publicClient, walletClient, contracts, agent: agent.address, policy: { budgetPerPeriod: parseUsd('10'), periodSeconds: 86_400, maxPerPayment: parseUsd('1') }, consent: { deadline, signature } })
 */
export async function createAgentWallet({
  publicClient,
  walletClient,
  contracts,
  agent,
  policy,
  consent,
}: CreateAgentWalletParameters): Promise<CreateAgentWalletReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'createWallet',
      args: [agent, policyTuple(policy), consent?.deadline ?? 0n, consent?.signature ?? '0x'],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
