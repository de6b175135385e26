import type { Address } from 'viem'
import type { PaymentAddresses } from './deployPayments.js'

/** Where the Settle contracts are, with the token they move (the License layer's payment token). */
export type PaymentContracts = PaymentAddresses & { paymentToken: Address }
