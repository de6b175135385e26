import type { PaymentPolicy } from './createPayingFetch.js'
import { PayeeNotAllowedError } from './paymentErrors.js'

/**
 * A payment policy that pays only these recipients; anyone else throws PayeeNotAllowedError
 * (`payee_not_allowed`) before anything is signed.
 *
 * @example
 * createPayingFetch({ account, maxAmountPerRequest, allowedAssets, policy: allowPayees([publisher]) })
 */
export function allowPayees(payees: readonly string[]): PaymentPolicy {
  const allowed = new Set(payees.map((p) => p.toLowerCase()))
  return async ({ payTo }) => {
    if (!allowed.has(payTo.toLowerCase())) throw new PayeeNotAllowedError(payTo)
  }
}
