import type { Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { escrowCallAbi } from '../settleCall.js'

export type ReleaseEscrowParameters = {
  publicClient: PublicClient
  /** The payer or the arbiter. */
  walletClient: WalletClient
  contracts: PaymentContracts
  escrowId: bigint
  /** Payment token units paid to the payee now; at most what is left. */
  amount: bigint
}

export type ReleaseEscrowReturnType = { txHash: Hex }

/**
 * Pays part or all of what is left of an escrow to its payee, before the deadline (`deadline_passed` after,
 * `over_remaining` above what is left, `not_payer_or_arbiter` for anyone else).
 *
 * @example
 * await releaseEscrow({ publicClient, walletClient, contracts, escrowId, amount: parseUsd('20') })
 */
export async function releaseEscrow({
  publicClient,
  walletClient,
  contracts,
  escrowId,
  amount,
}: ReleaseEscrowParameters): Promise<ReleaseEscrowReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.escrow,
      abi: escrowCallAbi,
      functionName: 'release',
      args: [escrowId, amount],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
