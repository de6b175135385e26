import type { Address } from 'viem'
import { ProblemError } from '../http/problem.js'
import type { SqliteRelayQuota } from './SqliteRelayQuota.js'

/**
 * Takes `count` relayed transactions from `account`'s daily quota and the server's daily cap, or refuses with
 * 429 before any gas is spent: `relay_quota_exceeded` (this account's quota) or `relay_capacity_exceeded` (the
 * cap on all accounts together). No quota (undefined) relays without limit.
 *
 * @example
 * await chargeRelayQuota(quota, creator, 1 + parentsToProve.length)
 */
export async function chargeRelayQuota(
  quota: SqliteRelayQuota | undefined,
  account: Address,
  count = 1,
): Promise<void> {
  if (!quota) return
  const { allowed, exceeded, used, limit, resetsAt } = await quota.take(account, count)
  if (allowed) return
  const after = resetsAt.toISOString()
  const needs =
    count === 1 ? 'one transaction' : `${count} transactions (parents to prove on chain, then the record)`
  if (exceeded === 'server')
    throw new ProblemError(
      'relay_capacity_exceeded',
      `The relayer pays for at most ${limit} transactions per day for all accounts together, and they are spent (this needs ${needs}); submit it yourself, or after ${after}.`,
      { status: 429, scope: 'server', limit, needed: count, resetsAt: after },
    )
  throw new ProblemError(
    'relay_quota_exceeded',
    `The relayer pays for at most ${limit} transactions per account per day (${used} used), and this needs ${needs}; submit it yourself, or after ${after}.`,
    { status: 429, scope: 'account', account, limit, used, needed: count, resetsAt: after },
  )
}
