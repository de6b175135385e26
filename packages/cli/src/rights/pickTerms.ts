import type { AiUse, TermsRecord } from '@rightflow/sdk'
import { termsStatus } from './format.js'

/**
 * The terms a buyer gets when they name none: the cheapest on sale that allow the use; among equal prices the
 * newest, the owner's latest word.
 */
export function cheapestTerms(records: TermsRecord[], use: AiUse, now: number): TermsRecord | undefined {
  return records
    .filter((r) => termsStatus(r, now) === 'active' && r.terms.uses[use].allowed)
    .sort((a, b) => {
      const byPrice = a.terms.uses[use].price - b.terms.uses[use].price
      return byPrice !== 0n ? (byPrice < 0n ? -1 : 1) : a.termsId > b.termsId ? -1 : 1
    })[0]
}
