import type { Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'
import type { AgentPayment } from './agentPaymentTypedData.js'

export type PayAgentPaymentBySigParameters = {
  publicClient: PublicClient
  /** Anyone: typically the payee, who pays the gas. */
  walletClient: WalletClient
  contracts: PaymentContracts
  payment: AgentPayment
  signature: Hex
}

export type PayAgentPaymentBySigReturnType = { txHash: Hex }

/**
 * Submits a payment an agent signed (signAgentPayment): paid from the agent's wallet within its policy, once
 * per nonce (`nonce_used`), before the deadline (`payment_expired`), only with the agent's signature
 * (`invalid_signature`).
 *
 * @example
 * await payAgentPaymentBySig({ publicClient, walletClient: payeeClient, contracts, payment, signature })
 */
export async function payAgentPaymentBySig({
  publicClient,
  walletClient,
  contracts,
  payment,
  signature,
}: PayAgentPaymentBySigParameters): Promise<PayAgentPaymentBySigReturnType> {
  try {
    const { agent, payee, amount, memo, nonce, deadline } = payment
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'payBySig',
      args: [agent, payee, amount, memo, nonce, deadline, signature],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
