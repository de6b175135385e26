import { describe, expect, it } from 'vitest'
import { formatUsd, InvalidAmountError, parseUsd } from '../../src/index.js'

describe('formatUsd', () => {
  it.each([
    [0n, '0.00'],
    [1n, '0.000001'],
    [100n, '0.0001'],
    [10_000n, '0.01'],
    [1_500_000n, '1.50'],
    [12_000_000n, '12.00'],
    [12_345_678n, '12.345678'],
    [1_234_567_890_000n, '1234567.89'],
    [-2_500_000n, '-2.50'],
  ])('%s units are $%s', (units, text) => {
    expect(formatUsd(units)).toBe(text)
  })
})

describe('parseUsd', () => {
  it.each([
    ['0.0001', 100n],
    ['12', 12_000_000n],
    ['12.5', 12_500_000n],
    ['0.000001', 1n],
    [' 3.25 ', 3_250_000n],
    ['007.10', 7_100_000n],
  ])('"%s" is %s units', (text, units) => {
    expect(parseUsd(text)).toBe(units)
  })

  it('is the inverse of formatUsd', () => {
    for (const units of [0n, 1n, 99n, 10_000n, 1_500_000n, 12_345_678n, 10n ** 15n + 7n])
      expect(parseUsd(formatUsd(units))).toBe(units)
  })

  it.each([
    ['-1', /negative/],
    ['0.0000001', /at most 6 decimals/],
    ['abc', /plain decimal/],
    ['', /plain decimal/],
    ['1e6', /plain decimal/],
    ['1,000', /plain decimal/],
    ['1.', /plain decimal/],
    ['.5', /plain decimal/],
    ['$5', /plain decimal/],
    ['NaN', /plain decimal/],
  ])('refuses "%s" with invalid_amount', (text, reason) => {
    let error: unknown
    try {
      parseUsd(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidAmountError)
    expect((error as InvalidAmountError).code).toBe('invalid_amount')
    expect((error as InvalidAmountError).shortMessage).toMatch(reason)
  })
})
