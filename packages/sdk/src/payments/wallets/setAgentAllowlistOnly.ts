import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type SetAgentAllowlistOnlyParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  allowlistOnly: boolean
}

export type SetAgentAllowlistOnlyReturnType = { txHash: Hex }

/**
 * Turns an agent wallet's allow-list on (every payment, signed payment and channel deposit goes only to payees
 * the owner allowed with setAgentPayee; anything else reverts `payee_not_allowed`) or off.
 *
 * @example
 * await setAgentAllowlistOnly({ publicClient, walletClient, contracts, agent, allowlistOnly: true })
 */
export async function setAgentAllowlistOnly({
  publicClient,
  walletClient,
  contracts,
  agent,
  allowlistOnly,
}: SetAgentAllowlistOnlyParameters): Promise<SetAgentAllowlistOnlyReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'setAllowlistOnly',
      args: [agent, allowlistOnly],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
