import type { Address } from 'viem'
import { ProblemError } from '../http/problem.js'
import type { SqliteRelayQuota } from './SqliteRelayQuota.js'

/**
 * Takes one relayed transaction from `account`'s daily quota, or refuses with 429 `relay_quota_exceeded`
 * before any gas is spent. No quota (undefined) relays without limit.
 *
 * @example
 * await chargeRelayQuota(quota, creator)
 */
export async function chargeRelayQuota(quota: SqliteRelayQuota | undefined, account: Address): Promise<void> {
  if (!quota) return
  const { allowed, limit, resetsAt } = await quota.take(account)
  if (allowed) return
  throw new ProblemError(
    'relay_quota_exceeded',
    `The relayer pays for at most ${limit} transactions per account per day; submit this one yourself, or after ${resetsAt.toISOString()}.`,
    { status: 429, account, limit, resetsAt: resetsAt.toISOString() },
  )
}
