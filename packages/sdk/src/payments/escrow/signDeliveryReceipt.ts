import type { Hex, LocalAccount } from 'viem'
import {
  type DeliveryReceipt,
  deliveryReceiptTypes,
  type EscrowDomain,
  escrowDomain,
} from './deliveryReceiptTypedData.js'

export type SignDeliveryReceiptParameters = {
  /** The escrow's payer. */
  account: LocalAccount
  domain: EscrowDomain
  receipt: DeliveryReceipt
}

export type SignDeliveryReceiptReturnType = Hex

/**
 * The payer signs a delivery receipt off chain; the payee submits it with releaseEscrowWithReceipt to be paid
 * `amount` (once per receipt, before the deadline).
 *
 * @example
 * const signature = await signDeliveryReceipt({ account: payer, domain: { chainId, escrow }, receipt: { escrowId, amount, deliveryHash } })
 */
export function signDeliveryReceipt({
  account,
  domain,
  receipt,
}: SignDeliveryReceiptParameters): Promise<SignDeliveryReceiptReturnType> {
  return account.signTypedData({
    domain: escrowDomain(domain),
    types: deliveryReceiptTypes,
    primaryType: 'Receipt',
    message: receipt,
  })
}
