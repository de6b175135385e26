import { type AiUse, type AssetKind, aiUses, assetKinds, BaseError, parseUsd } from '@rightflow/sdk'
import { type Hex, parseUnits } from 'viem'
import { CliError } from '../cliError.js'

/** An AI use by its short name. */
export function parseUse(text: string): AiUse {
  if ((aiUses as readonly string[]).includes(text)) return text as AiUse
  throw new CliError(`unknown use "${text}": use ${aiUses.join(', ')}`, 1, 'unknown_use')
}

export function parseKind(text: string): AssetKind {
  if ((assetKinds as readonly string[]).includes(text)) return text as AssetKind
  throw new CliError(`unknown kind "${text}": use ${assetKinds.join(', ')}`, 1, 'unknown_kind')
}

/** Dollars from a flag, in payment token units; the flag is named in the error. */
export function parseUsdFlag(flag: string, text: string): bigint {
  try {
    return parseUsd(text)
  } catch (error) {
    if (error instanceof BaseError) throw new CliError(`${flag}: ${error.shortMessage}`, 1, error.code)
    throw error
  }
}

/** A percentage ("10", "2.5", "10%") in basis points: two decimals at most, 0 to 100. */
export function parsePercentBps(flag: string, text: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim())
  const bps = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : Number.NaN
  if (!(bps >= 0 && bps <= 10_000))
    throw new CliError(`${flag} "${text}" is not a percentage from 0 to 100 with at most two decimals`)
  return bps
}

const secondsPer: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }

/**
 * A moment as unix seconds: an ISO date ("2026-01-31", "2026-01-31T12:00:00Z"), a duration from `now`
 * ("90m", "30d", "2w") or "now". Durations count from the chain's clock, which is what contracts compare with.
 */
export function parseTime(flag: string, text: string, now: number): number {
  const input = text.trim()
  if (input === 'now') return now
  const duration = /^(\d+)([smhdw])$/.exec(input)
  if (duration) return now + Number(duration[1]) * secondsPer[duration[2]!]!
  const ms = /^\d{4}-\d{2}-\d{2}/.test(input) ? Date.parse(input) : Number.NaN
  if (Number.isNaN(ms))
    throw new CliError(`${flag} "${text}" is neither an ISO date (2026-01-31) nor a duration (30d, 12h, 2w)`)
  return Math.floor(ms / 1000)
}

/** A terms id or license id: a decimal (or 0x-hex) integer. */
export function parseId(what: string, text: string): bigint {
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(text.trim())) throw new CliError(`${what} "${text}" is not a number`)
  return BigInt(text.trim())
}

/** A consent id: 32 bytes of hex. */
export function parseBytes32(what: string, text: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new CliError(`${what} "${text}" is not 0x and 64 hex digits`)
  return text.toLowerCase() as Hex
}

/**
 * Revenue shares to move: a percentage of the supply ("12.5%", exact to 18 decimals) or a share count
 * ("250000", 18 decimals), in share units.
 */
export function parseShareAmount(text: string, totalSupply: bigint): bigint {
  const input = text.trim()
  const percent = /^(\d+)(?:\.(\d{1,18}))?%$/.exec(input)
  if (percent) {
    const [, whole, fraction = ''] = percent
    const scale = 10n ** BigInt(fraction.length)
    const amount = (totalSupply * (BigInt(whole!) * scale + BigInt(fraction || '0'))) / (100n * scale)
    if (amount === 0n || amount > totalSupply)
      throw new CliError(`"${text}" is not a part of the supply above 0% and at most 100%`)
    return amount
  }
  if (!/^\d+(\.\d{1,18})?$/.test(input) || parseUnits(input, 18) === 0n)
    throw new CliError(
      `"${text}" is neither a percentage of the supply (12.5%) nor a number of shares (250000)`,
    )
  return parseUnits(input, 18)
}
