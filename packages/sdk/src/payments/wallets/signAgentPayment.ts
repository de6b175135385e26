import { type Address, type Hex, type LocalAccount, zeroHash } from 'viem'
import { randomBytes32 } from '../settleCall.js'
import {
  type AgentPayment,
  type AgentWalletsDomain,
  agentPaymentTypes,
  agentWalletsDomain,
} from './agentPaymentTypedData.js'

export type SignAgentPaymentParameters = {
  /** The agent key (its address is the wallet's). */
  account: LocalAccount
  domain: AgentWalletsDomain
  payment: {
    payee: Address
    amount: bigint
    /** Unix seconds after which the payment is refused (`payment_expired`). */
    deadline: bigint
    /** Zero when absent. */
    memo?: Hex
    /** Random when absent. */
    nonce?: Hex
  }
}

export type SignAgentPaymentReturnType = { payment: AgentPayment; signature: Hex }

/**
 * Signs an agent payment off chain, for anyone to submit with payAgentPaymentBySig; the policy is checked when
 * it is submitted, not when it is signed.
 *
 * @example
 * const { payment, signature } = await signAgentPayment({ account: agent, domain: { chainId, agentWallets }, payment: { payee, amount, deadline } })
 */
export async function signAgentPayment({
  account,
  domain,
  payment,
}: SignAgentPaymentParameters): Promise<SignAgentPaymentReturnType> {
  const message: AgentPayment = {
    agent: account.address,
    payee: payment.payee,
    amount: payment.amount,
    memo: payment.memo ?? zeroHash,
    nonce: payment.nonce ?? randomBytes32(),
    deadline: payment.deadline,
  }
  const signature = await account.signTypedData({
    domain: agentWalletsDomain(domain),
    types: agentPaymentTypes,
    primaryType: 'AgentPayment',
    message,
  })
  return { payment: message, signature }
}
