import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { sendPulling, walletsCallAbi } from '../settleCall.js'

export type DepositToAgentWalletParameters = {
  publicClient: PublicClient
  /** Anyone may fund a wallet. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  /** Payment token units. */
  amount: bigint
}

export type DepositToAgentWalletReturnType = { txHash: Hex; approvalTxHash?: Hex }

/**
 * Adds funds to an agent's wallet from the wallet account, approving exactly `amount` first when the allowance
 * is short.
 *
 * @example
 * await depositToAgentWallet({ publicClient, walletClient, contracts, agent, amount: parseUsd('25') })
 */
export async function depositToAgentWallet({
  publicClient,
  walletClient,
  contracts,
  agent,
  amount,
}: DepositToAgentWalletParameters): Promise<DepositToAgentWalletReturnType> {
  try {
    const account = requireAccount(walletClient)
    const { txHash, approvalTxHash } = await sendPulling({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.agentWallets,
      simulate: () =>
        publicClient.simulateContract({
          account,
          address: contracts.agentWallets,
          abi: walletsCallAbi,
          functionName: 'deposit',
          args: [agent, amount],
        }),
    })
    return approvalTxHash ? { txHash, approvalTxHash } : { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
