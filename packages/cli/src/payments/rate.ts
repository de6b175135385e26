import { BaseError, formatUsd, parseUsd } from '@rightflow/sdk'
import { CliError } from '../cliError.js'

const unitSeconds: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3_600,
  hr: 3_600,
  hour: 3_600,
  d: 86_400,
  day: 86_400,
}

/**
 * A stream rate, "<usd>/<unit>" ("0.36/h", "0.0001/s", "8.64/day"), in token units per second. The contract
 * counts whole units a second, so a rate that does not divide into them is refused with the nearest two that
 * do, rather than rounded behind the user's back.
 */
export function parseRate(text: string): bigint {
  const match = /^\s*([^/\s]+)\s*\/\s*([a-z]+)\s*$/.exec(text.toLowerCase())
  const seconds = match ? unitSeconds[match[2]!] : undefined
  if (!match || !seconds)
    throw new CliError(`--rate "${text}" is not dollars per unit of time, like 0.36/h, 0.0001/s or 8.64/day`)
  let units: bigint
  try {
    units = parseUsd(match[1]!)
  } catch (error) {
    if (error instanceof BaseError) throw new CliError(`--rate: ${error.shortMessage}`, 1, error.code)
    throw error
  }
  const per = BigInt(seconds)
  if (units === 0n) throw new CliError('--rate must be more than zero', 1, 'zero_amount')
  if (units % per !== 0n) {
    const lower = (units / per) * per
    const nearest = [lower, lower + per].filter((u) => u > 0n).map((u) => `${formatUsd(u)}/${match[2]}`)
    throw new CliError(
      `--rate ${text} is not a whole number of token units (0.000001 USD) a second: use ${nearest.join(' or ')}`,
      1,
      'invalid_rate',
    )
  }
  return units / per
}

/** A rate per second as dollars an hour (and per second when it reads better). */
export function formatRate(perSecond: bigint): string {
  return `${formatUsd(perSecond * 3_600n)} USD/h (${formatUsd(perSecond)} USD/s)`
}
