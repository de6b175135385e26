import { aiUses, formatUsd, type TermsRecord, type UseTerms } from '@rightflow/sdk'
import { formatUnits } from 'viem'

/** Basis points as a percentage: 1000 → "10%", 250 → "2.5%". */
export function percentOfBps(bps: number): string {
  return `${bps / 100}%`
}

/** A holding as a part of the supply, to four decimals of a percent: "25%", "33.3333%". */
export function sharePercent(shares: bigint, total: bigint): string {
  if (total === 0n) return '0%'
  const tenThousandths = (shares * 1_000_000n) / total
  const text = `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`
  return `${text.replace(/\.?0+$/, '')}%`
}

/** Share units (18 decimals) as a share count. */
export function formatShares(units: bigint): string {
  return formatUnits(units, 18)
}

/** Unix seconds as an ISO time; 0 means never. */
export function formatTime(seconds: number): string {
  return seconds === 0 ? 'never' : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

export type TermsStatus = 'active' | 'retired' | 'expired'

/** Whether terms are on sale, by the chain's clock `now`. */
export function termsStatus(record: TermsRecord, now: number): TermsStatus {
  if (record.retired) return 'retired'
  const { expiresAt } = record.terms
  return expiresAt !== 0 && now >= expiresAt ? 'expired' : 'active'
}

export function useCell({ allowed, price }: UseTerms): string {
  if (!allowed) return 'not allowed'
  return price === 0n ? 'free' : formatUsd(price)
}

/** The conditions beyond prices, in words. */
export function termsConditions(record: TermsRecord): string {
  const t = record.terms
  return [
    t.commercialUse ? 'commercial' : 'non-commercial',
    t.derivativesAllowed ? 'derivatives' : 'no derivatives',
    ...(t.attributionRequired ? ['attribution'] : []),
    ...(t.transferable ? [] : ['non-transferable']),
  ].join(', ')
}

export const termsHeaders = ['terms', 'status', ...aiUses, 'share', 'expires', 'sold', 'conditions']

/** One row of the terms table: prices in dollars, "free" or "not allowed" for each use. */
export function termsRow(record: TermsRecord, now: number): string[] {
  return [
    record.termsId.toString(),
    termsStatus(record, now),
    ...aiUses.map((use) => useCell(record.terms.uses[use])),
    record.terms.derivativesAllowed ? percentOfBps(record.terms.derivativeRevenueShareBps) : '-',
    formatTime(record.terms.expiresAt),
    String(record.sold),
    termsConditions(record),
  ]
}

/** Terms as JSON: prices in token units and dollars, the status spelled out. */
export function termsJson(record: TermsRecord, now: number) {
  return {
    termsId: record.termsId.toString(),
    assetId: record.assetId,
    status: termsStatus(record, now),
    sold: record.sold,
    uses: Object.fromEntries(
      aiUses.map((use) => {
        const u = record.terms.uses[use]
        return [use, { allowed: u.allowed, price: u.price.toString(), usd: formatUsd(u.price) }]
      }),
    ),
    commercialUse: record.terms.commercialUse,
    derivativesAllowed: record.terms.derivativesAllowed,
    derivativeRevenueShareBps: record.terms.derivativeRevenueShareBps,
    attributionRequired: record.terms.attributionRequired,
    expiresAt: record.terms.expiresAt,
    transferable: record.terms.transferable,
  }
}
