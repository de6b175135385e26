import {
  aiUses,
  type LicenseTerms,
  NothingToClaimError,
  parseUsd,
  RegistryRevertError,
  type TermsRecord,
} from '@rightflow/sdk'
import { describe, expect, it } from 'vitest'
import { faucetRefusal } from '../src/rights/devChain.js'
import { explainError } from '../src/rights/explainError.js'
import { parsePercentBps, parseShareAmount, parseTime } from '../src/rights/flags.js'
import { sharePercent, termsRow } from '../src/rights/format.js'
import { cheapestTerms } from '../src/rights/pickTerms.js'
import { termsFromFlags } from '../src/rights/termsFlags.js'

const now = 1_800_000_000
const day = 86_400

describe('termsFromFlags', () => {
  it('allows only the uses named, at their prices', () => {
    const terms = termsFromFlags({ price: ['inference=0.01'], free: ['data-mining'] }, now)
    expect(terms.uses).toEqual({
      'data-mining': { allowed: true, price: 0n },
      inference: { allowed: true, price: parseUsd('0.01') },
      'generative-training': { allowed: false, price: 0n },
      training: { allowed: false, price: 0n },
    })
    expect(terms).toMatchObject({
      commercialUse: false,
      derivativesAllowed: false,
      derivativeRevenueShareBps: 0,
      expiresAt: 0,
      transferable: true,
    })
  })

  it('reads the share, the expiry from the chain clock and the switches', () => {
    const terms = termsFromFlags(
      {
        price: ['training=12.5'],
        free: [],
        derivatives: true,
        share: '2.5',
        expires: '30d',
        commercial: true,
        attribution: true,
        nonTransferable: true,
      },
      now,
    )
    expect(terms).toMatchObject({
      derivativesAllowed: true,
      derivativeRevenueShareBps: 250,
      expiresAt: now + 30 * day,
      commercialUse: true,
      attributionRequired: true,
      transferable: false,
    })
  })

  it('refuses terms that say nothing or contradict themselves', () => {
    const refuse = (flags: Partial<Parameters<typeof termsFromFlags>[0]>, pattern: RegExp) =>
      expect(() => termsFromFlags({ price: [], free: [], ...flags }, now)).toThrow(pattern)
    refuse({}, /allow no use/)
    refuse({ free: ['painting'] }, /unknown use "painting"/)
    refuse({ price: ['inference'] }, /must be <use>=<usd>/)
    refuse({ price: ['inference=0'] }, /--free inference/)
    refuse({ price: ['inference=-1'] }, /cannot be negative/)
    refuse({ price: ['inference=1'], free: ['inference'] }, /named twice/)
    refuse({ free: ['training'], share: '10' }, /needs --derivatives/)
    refuse({ free: ['training'], expires: '2001-01-01' }, /not in the future/)
  })
})

describe('flag values', () => {
  it('reads moments as ISO dates or durations from now', () => {
    expect(parseTime('--until', 'now', now)).toBe(now)
    expect(parseTime('--until', '90m', now)).toBe(now + 90 * 60)
    expect(parseTime('--until', '2w', now)).toBe(now + 14 * day)
    expect(parseTime('--until', '2030-01-31', now)).toBe(Date.UTC(2030, 0, 31) / 1000)
    expect(parseTime('--until', '2030-01-31T12:00:00Z', now)).toBe(Date.UTC(2030, 0, 31, 12) / 1000)
    expect(() => parseTime('--until', 'tomorrow', now)).toThrow(/neither an ISO date .* nor a duration/)
  })

  it('reads percentages as basis points, two decimals at most', () => {
    expect(parsePercentBps('--share', '10')).toBe(1000)
    expect(parsePercentBps('--share', '2.5')).toBe(250)
    expect(parsePercentBps('--share', '0.01%')).toBe(1)
    expect(parsePercentBps('--share', '100')).toBe(10_000)
    for (const bad of ['100.01', '2.555', 'ten', '-1'])
      expect(() => parsePercentBps('--share', bad)).toThrow(/not a percentage/)
  })

  it('reads share amounts as a part of the supply or a count', () => {
    const supply = 1_000_000n * 10n ** 18n
    expect(parseShareAmount('25%', supply)).toBe(supply / 4n)
    expect(parseShareAmount('12.5%', supply)).toBe(125_000n * 10n ** 18n)
    expect(parseShareAmount('250000', supply)).toBe(250_000n * 10n ** 18n)
    expect(parseShareAmount('0.5', supply)).toBe(5n * 10n ** 17n)
    expect(() => parseShareAmount('0%', supply)).toThrow(/above 0%/)
    expect(() => parseShareAmount('101%', supply)).toThrow(/at most 100%/)
    expect(() => parseShareAmount('lots', supply)).toThrow(/neither a percentage/)
  })

  it('shows holdings as a percentage of the supply', () => {
    expect(sharePercent(1n, 4n)).toBe('25%')
    expect(sharePercent(1n, 3n)).toBe('33.3333%')
    expect(sharePercent(0n, 3n)).toBe('0%')
    expect(sharePercent(3n, 3n)).toBe('100%')
  })
})

describe('faucetRefusal', () => {
  it('runs wherever the RPC answers anvil_setBalance, and refuses elsewhere in words', () => {
    expect(faucetRefusal(31337, true)).toBeUndefined()
    expect(faucetRefusal(1337, true)).toBeUndefined()
    expect(faucetRefusal(8453, false)).toMatch(/development chains only: chain 8453 is not one/)
    expect(faucetRefusal(31337, false)).toMatch(/does not answer anvil_setBalance/)
  })
})

describe('cheapestTerms', () => {
  const record = (
    termsId: bigint,
    price: bigint | undefined,
    extra: Partial<TermsRecord> = {},
  ): TermsRecord => {
    const uses = Object.fromEntries(
      aiUses.map((u) => [u, { allowed: false, price: 0n }]),
    ) as LicenseTerms['uses']
    if (price !== undefined) uses.inference = { allowed: true, price }
    return {
      termsId,
      assetId: `0x${'11'.repeat(32)}`,
      retired: false,
      sold: 0,
      terms: {
        uses,
        commercialUse: false,
        derivativesAllowed: false,
        derivativeRevenueShareBps: 0,
        attributionRequired: false,
        expiresAt: 0,
        transferable: true,
      },
      ...extra,
    }
  }

  it('picks the cheapest terms on sale that allow the use, the newest among equals', () => {
    const expired = record(1n, 1n)
    expired.terms.expiresAt = now - 1
    const records = [
      expired,
      record(2n, 1n, { retired: true }),
      record(3n, undefined),
      record(4n, 5n),
      record(5n, 3n),
      record(6n, 3n),
    ]
    expect(cheapestTerms(records, 'inference', now)?.termsId).toBe(6n)
    expect(cheapestTerms(records, 'training', now)).toBeUndefined()
    expect(termsRow(expired, now)[1]).toBe('expired')
    expect(termsRow(records[1]!, now)[1]).toBe('retired')
    expect(termsRow(records[3]!, now).slice(2, 6)).toEqual([
      'not allowed',
      '0.000005',
      'not allowed',
      'not allowed',
    ])
  })
})

describe('explainError', () => {
  it('turns contract reverts into sentences, keeping their codes', () => {
    const explained = explainError(new RegistryRevertError('PriceAboveMaximum', [2_000_000n, 1_000_000n]))
    expect(explained?.message).toBe('the price 2.00 is above your maximum 1.00')
    expect(explained?.code).toBe('price_above_maximum')
    expect(explainError(new RegistryRevertError('UseNotAllowed', [7n, 3]))?.message).toBe(
      'that use is not allowed by the terms (training under terms 7)',
    )
    expect(explainError(new NothingToClaimError('0xabc', '0xdef'))?.message).toMatch(/^nothing to claim/)
    expect(explainError(new RegistryRevertError('SomethingElse', []))).toBeUndefined()
    expect(explainError(new Error('plain'))).toBeUndefined()
  })
})
