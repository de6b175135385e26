import { BaseError } from '../errors/BaseError.js'

/** Decimals of the payment token: USDC's, and the test stablecoin's. */
export const usdDecimals = 6
const unit = 10n ** BigInt(usdDecimals)

/** An amount of dollars that cannot be read, or not as payment token units. */
export class InvalidAmountError extends BaseError {
  override name = 'InvalidAmountError'
  constructor(input: string, reason: string) {
    super(`Invalid amount "${input}": ${reason}.`, { code: 'invalid_amount' })
  }
}

/**
 * Payment token units (6 decimals) as dollars: at least two decimals, up to six, no trailing zeros past the
 * cents.
 *
 * @example
 * formatUsd(12_345_678n) // '12.345678'
 * formatUsd(1_500_000n) // '1.50'
 * formatUsd(100n) // '0.0001'
 */
export function formatUsd(units: bigint): string {
  const sign = units < 0n ? '-' : ''
  const magnitude = units < 0n ? -units : units
  const fraction = (magnitude % unit).toString().padStart(usdDecimals, '0').replace(/0+$/, '').padEnd(2, '0')
  return `${sign}${magnitude / unit}.${fraction}`
}

/**
 * Dollars, as a person writes them ("12", "0.5", "0.0001"), in payment token units. Refuses negatives, more
 * than six decimals, exponents, separators and anything else that is not a plain decimal number.
 *
 * @example
 * parseUsd('0.0001') // 100n
 */
export function parseUsd(text: string): bigint {
  const input = text.trim()
  if (input.startsWith('-')) throw new InvalidAmountError(text, 'amounts cannot be negative')
  const match = /^(\d+)(?:\.(\d+))?$/.exec(input)
  if (!match) throw new InvalidAmountError(text, 'write a plain decimal number of dollars, like 12.50')
  const [, whole, fraction = ''] = match
  if (fraction.length > usdDecimals)
    throw new InvalidAmountError(
      text,
      `at most ${usdDecimals} decimals (the token's smallest unit is 0.000001)`,
    )
  return BigInt(whole!) * unit + BigInt(fraction.padEnd(usdDecimals, '0'))
}
