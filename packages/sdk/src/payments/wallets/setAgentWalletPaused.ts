import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { walletsCallAbi } from '../settleCall.js'

export type SetAgentWalletPausedParameters = {
  publicClient: PublicClient
  /** The wallet's owner. */
  walletClient: WalletClient
  contracts: PaymentContracts
  agent: Address
  paused: boolean
}

export type SetAgentWalletPausedReturnType = { txHash: Hex }

/**
 * Pauses an agent wallet (every payment out of it reverts `wallet_paused`) or resumes it. The owner may still
 * withdraw while it is paused.
 *
 * @example
 * await setAgentWalletPaused({ publicClient, walletClient, contracts, agent, paused: true })
 */
export async function setAgentWalletPaused({
  publicClient,
  walletClient,
  contracts,
  agent,
  paused,
}: SetAgentWalletPausedParameters): Promise<SetAgentWalletPausedReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'setPaused',
      args: [agent, paused],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
