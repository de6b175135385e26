import { type Address, type Hex, hashTypedData, type TypedDataDomain } from 'viem'

/** Where agent payments are valid: one agent-wallets contract on one chain. */
export type AgentWalletsDomain = { chainId: number; agentWallets: Address }

/**
 * A payment an agent signs for someone else to submit (`payBySig`): the agent needs no gas. Each nonce is
 * accepted once; after `deadline` (unix seconds) it is refused.
 */
export type AgentPayment = {
  agent: Address
  payee: Address
  amount: bigint
  memo: Hex
  nonce: Hex
  deadline: bigint
}

/** EIP-712 types of an agent payment, as `IAgentWallets` declares them. */
export const agentPaymentTypes = {
  AgentPayment: [
    { name: 'agent', type: 'address' },
    { name: 'payee', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'memo', type: 'bytes32' },
    { name: 'nonce', type: 'bytes32' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/**
 * The EIP-712 domain of the agent-wallets contract.
 *
 * @example
 * agentWalletsDomain({ chainId: 8453, agentWallets: contracts.agentWallets })
 */
export function agentWalletsDomain({ chainId, agentWallets }: AgentWalletsDomain): TypedDataDomain {
  return { name: 'Rightflow Agent Wallets', version: '1', chainId, verifyingContract: agentWallets }
}

/**
 * The digest an agent signs for a payment, equal to the contract's `paymentDigest`.
 *
 * @example
 * agentPaymentDigest(payment, { chainId, agentWallets: contracts.agentWallets })
 */
export function agentPaymentDigest(payment: AgentPayment, domain: AgentWalletsDomain): Hex {
  return hashTypedData({
    domain: agentWalletsDomain(domain),
    types: agentPaymentTypes,
    primaryType: 'AgentPayment',
    message: payment,
  })
}
