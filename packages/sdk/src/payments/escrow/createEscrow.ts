import { type Address, type Hex, type PublicClient, type WalletClient, zeroAddress } from 'viem'
import { escrowAbi } from '../../generated/escrow.js'
import { eventsOf, requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { escrowCallAbi, sendPulling } from '../settleCall.js'

export type CreateEscrowParameters = {
  publicClient: PublicClient
  /** The payer, who locks the amount. */
  walletClient: WalletClient
  contracts: PaymentContracts
  payee: Address
  /** Payment token units locked for the payee. */
  amount: bigint
  /** Unix seconds: releases before it, refunds from it on (`deadline_not_in_future` unless it is ahead of the chain). */
  deadline: number
  /** May release as the payer can; none when absent. */
  arbiter?: Address
}

export type CreateEscrowReturnType = { escrowId: bigint; txHash: Hex; approvalTxHash?: Hex }

/**
 * Locks `amount` for `payee` until `deadline`: released (in full or in part) by the payer, the arbiter, or a
 * delivery receipt the payer signed; refundable to the payer from the deadline on. Approves exactly the amount
 * first when the allowance is short.
 *
 * @example
 * const { escrowId } = await createEscrow({ publicClient, walletClient, contracts, payee, amount: parseUsd('50'), deadline: now + 7 * 86_400 })
 */
export async function createEscrow({
  publicClient,
  walletClient,
  contracts,
  payee,
  amount,
  deadline,
  arbiter = zeroAddress,
}: CreateEscrowParameters): Promise<CreateEscrowReturnType> {
  try {
    const account = requireAccount(walletClient)
    const { txHash, receipt, approvalTxHash } = await sendPulling({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.escrow,
      simulate: () =>
        publicClient.simulateContract({
          account,
          address: contracts.escrow,
          abi: escrowCallAbi,
          functionName: 'create',
          args: [payee, arbiter, amount, BigInt(deadline)],
        }),
    })
    const [created] = eventsOf(receipt, contracts.escrow, escrowAbi, 'EscrowCreated')
    return { escrowId: created!.args.escrowId, txHash, ...(approvalTxHash ? { approvalTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
