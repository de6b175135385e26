import type { Hex } from 'viem'
import { CliError } from '../cliError.js'

const secondsPer: Record<string, number> = {
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
  w: 604_800,
  week: 604_800,
}

/** A length of time ("1d", "12h", "30m", "90s", "2w", or plain seconds) in seconds, above zero. */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/.exec(text.trim().toLowerCase())
  const unit = match ? secondsPer[match[2] || 's'] : undefined
  const seconds = match && unit ? Number(match[1]) * unit : 0
  if (!(seconds > 0 && Number.isSafeInteger(seconds)))
    throw new CliError(`${flag} "${text}" is not a length of time like 1d, 12h, 30m or 90s`)
  return seconds
}

/** Seconds in the largest unit that divides them: 86400 → "1d", 5400 → "90m". */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const)
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`
  return `${seconds}s`
}

/** A number id (stream, escrow): a positive decimal integer. */
export function parseNumberId(what: string, text: string): bigint {
  if (!/^\d+$/.test(text.trim()) || BigInt(text.trim()) === 0n)
    throw new CliError(`${what} "${text}" is not a positive whole number`)
  return BigInt(text.trim())
}

/** A channel id: 0x and 64 hex digits. */
export function parseChannelId(text: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text.trim()))
    throw new CliError(`channel id "${text}" is not 0x and 64 hex digits`)
  return text.trim().toLowerCase() as Hex
}
