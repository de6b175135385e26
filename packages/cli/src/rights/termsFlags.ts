import { type AiUse, aiUses, type LicenseTerms, type UseTerms } from '@rightflow/sdk'
import { CliError } from '../cliError.js'
import { parsePercentBps, parseTime, parseUsdFlag, parseUse } from './flags.js'

/** `rightflow terms set` flags, as commander collects them. */
export type TermsFlags = {
  price: string[]
  free: string[]
  commercial?: boolean
  derivatives?: boolean
  share?: string
  attribution?: boolean
  expires?: string
  nonTransferable?: boolean
}

/**
 * Terms from flags. A use not named by --price or --free is not allowed: terms say yes only to what the owner
 * wrote down. `now` is the chain's clock, which durations in --expires count from.
 */
export function termsFromFlags(flags: TermsFlags, now: number): LicenseTerms {
  const uses = Object.fromEntries(aiUses.map((use) => [use, { allowed: false, price: 0n }])) as Record<
    AiUse,
    UseTerms
  >
  const named = new Set<AiUse>()
  const allow = (use: AiUse, price: bigint) => {
    if (named.has(use)) throw new CliError(`${use} is named twice: give each use one --price or --free`)
    named.add(use)
    uses[use] = { allowed: true, price }
  }
  for (const entry of flags.price) {
    const separator = entry.indexOf('=')
    if (separator < 0) throw new CliError(`--price "${entry}" must be <use>=<usd>, e.g. inference=0.01`)
    const use = parseUse(entry.slice(0, separator))
    const price = parseUsdFlag(`--price ${use}`, entry.slice(separator + 1))
    if (price === 0n) throw new CliError(`--price ${use}=0: say --free ${use} for a free license`)
    allow(use, price)
  }
  for (const use of flags.free) allow(parseUse(use), 0n)
  if (named.size === 0)
    throw new CliError('the terms allow no use: name at least one with --price <use>=<usd> or --free <use>')
  const share = flags.share === undefined ? 0 : parsePercentBps('--share', flags.share)
  if (share > 0 && !flags.derivatives)
    throw new CliError('--share is a part of derivatives’ revenue: it needs --derivatives')
  const expiresAt = flags.expires === undefined ? 0 : parseTime('--expires', flags.expires, now)
  if (flags.expires !== undefined && expiresAt <= now)
    throw new CliError(`--expires ${flags.expires} is not in the future`)
  return {
    uses,
    commercialUse: flags.commercial ?? false,
    derivativesAllowed: flags.derivatives ?? false,
    derivativeRevenueShareBps: share,
    attributionRequired: flags.attribution ?? false,
    expiresAt,
    transferable: !flags.nonTransferable,
  }
}
