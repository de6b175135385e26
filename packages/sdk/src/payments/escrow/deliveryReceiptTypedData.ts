import { type Address, type Hex, hashTypedData, type TypedDataDomain } from 'viem'

/** Where delivery receipts are valid: one escrow contract on one chain. */
export type EscrowDomain = { chainId: number; escrow: Address }

/** "Release `amount` of escrow `escrowId` for the delivery hashed `deliveryHash`", signed by the payer. */
export type DeliveryReceipt = { escrowId: bigint; amount: bigint; deliveryHash: Hex }

/** EIP-712 types of a delivery receipt, as `IEscrow` declares them. */
export const deliveryReceiptTypes = {
  Receipt: [
    { name: 'escrowId', type: 'uint256' },
    { name: 'amount', type: 'uint256' },
    { name: 'deliveryHash', type: 'bytes32' },
  ],
} as const

/**
 * The EIP-712 domain of the escrow contract.
 *
 * @example
 * escrowDomain({ chainId: 8453, escrow: contracts.escrow })
 */
export function escrowDomain({ chainId, escrow }: EscrowDomain): TypedDataDomain {
  return { name: 'Rightflow Escrow', version: '1', chainId, verifyingContract: escrow }
}

/**
 * The digest a payer signs for a delivery receipt, equal to the contract's `receiptDigest`; the contract spends
 * each receipt by this digest, once.
 *
 * @example
 * deliveryReceiptDigest({ escrowId, amount, deliveryHash }, { chainId, escrow: contracts.escrow })
 */
export function deliveryReceiptDigest(receipt: DeliveryReceipt, domain: EscrowDomain): Hex {
  return hashTypedData({
    domain: escrowDomain(domain),
    types: deliveryReceiptTypes,
    primaryType: 'Receipt',
    message: receipt,
  })
}
