import { type Address, type Hex, type PublicClient, type WalletClient, zeroHash } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type AgentPayParameters = {
  publicClient: PublicClient
  /** The agent key, paying from its own wallet. */
  walletClient: WalletClient
  contracts: PaymentContracts
  payee: Address
  /** Payment token units. */
  amount: bigint
  /** 32 free bytes logged with the payment (an invoice id, a resource hash); zero when absent. */
  memo?: Hex
}

export type AgentPayReturnType = { txHash: Hex }

/**
 * The agent pays from its wallet, within its policy: refused with `wallet_paused`, `payee_not_allowed`,
 * `over_max_per_payment`, `over_budget` or `insufficient_balance`, checked in that order.
 *
 * @example
 * await agentPay({ publicClient, walletClient: agentClient, contracts, payee, amount: parseUsd('0.25') })
 */
export async function agentPay({
  publicClient,
  walletClient,
  contracts,
  payee,
  amount,
  memo = zeroHash,
}: AgentPayParameters): Promise<AgentPayReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'pay',
      args: [payee, amount, memo],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
