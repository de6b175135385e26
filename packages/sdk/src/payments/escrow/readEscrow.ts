import { type Address, isAddressEqual, type PublicClient, zeroAddress } from 'viem'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { escrowCallAbi, unlessUnknown } from '../settleCall.js'

/** An escrow as read from the chain; amounts in payment token units, times in unix seconds. */
export type EscrowDeal = {
  escrowId: bigint
  payer: Address
  payee: Address
  arbiter: Address | undefined
  amount: bigint
  released: bigint
  /** Locked still: amount - released, or 0n once refunded. */
  remaining: bigint
  /** Releases before it, refunds from it on. */
  deadline: number
  refunded: boolean
}

export type ReadEscrowParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  escrowId: bigint
}

export type ReadEscrowReturnType = EscrowDeal | undefined

/**
 * Reads an escrow; undefined for an id never created.
 *
 * @example
 * const deal = await readEscrow({ publicClient, contracts, escrowId })
 */
export async function readEscrow({
  publicClient,
  contracts,
  escrowId,
}: ReadEscrowParameters): Promise<ReadEscrowReturnType> {
  try {
    const deal = await unlessUnknown(
      publicClient.readContract({
        address: contracts.escrow,
        abi: escrowCallAbi,
        functionName: 'dealOf',
        args: [escrowId],
      }),
      'UnknownEscrow',
    )
    if (!deal) return undefined
    return {
      escrowId,
      payer: deal.payer,
      payee: deal.payee,
      arbiter: isAddressEqual(deal.arbiter, zeroAddress) ? undefined : deal.arbiter,
      amount: deal.amount,
      released: deal.released,
      remaining: deal.refunded ? 0n : deal.amount - deal.released,
      deadline: Number(deal.deadline),
      refunded: deal.refunded,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
