import type { PaymentRequirements } from '@x402/core/types'
import { describe, expect, it } from 'vitest'
import {
  AssetNotAllowedError,
  NoPaymentOptionError,
  OverBudgetError,
  selectPayableRequirements,
} from '../../src/index.js'

const token = '0x00000000000000000000000000000000000000aa'
const other = '0x00000000000000000000000000000000000000bb'
const offer = (overrides: Partial<PaymentRequirements> = {}): PaymentRequirements => ({
  scheme: 'exact',
  network: 'eip155:31337',
  asset: token,
  amount: '10000',
  payTo: '0x00000000000000000000000000000000000000cc',
  maxTimeoutSeconds: 300,
  extra: {},
  ...overrides,
})
const rules = {
  network: 'eip155:31337' as const,
  assets: [{ network: 'eip155:31337' as const, asset: token.toUpperCase().replace('0X', '0x') }],
  maxAmount: 10_000n,
  schemes: ['exact'],
}

describe('selectPayableRequirements', () => {
  it('keeps the offers in an allowed token at or under the limit, whatever the address case', () => {
    const cheap = offer()
    expect(selectPayableRequirements([offer({ amount: '10001' }), cheap], rules)).toEqual([cheap])
  })

  it('matches a wildcard network', () => {
    expect(selectPayableRequirements([offer()], { ...rules, network: 'eip155:*' })).toHaveLength(1)
  })

  it('throws no_payment_option when no offer is in a scheme and network it speaks', () => {
    const error = (() => {
      try {
        selectPayableRequirements([offer({ scheme: 'upto' }), offer({ network: 'eip155:1' })], rules)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(NoPaymentOptionError)
    expect((error as NoPaymentOptionError).code).toBe('no_payment_option')
  })

  it('throws asset_not_allowed, naming the tokens asked for, when none may be spent', () => {
    expect(() => selectPayableRequirements([offer({ asset: other })], rules)).toThrow(AssetNotAllowedError)
    try {
      selectPayableRequirements([offer({ asset: other })], rules)
    } catch (e) {
      expect((e as AssetNotAllowedError).assets).toEqual([other])
    }
  })

  it('throws over_budget with the cheapest price when every offer is over the limit', () => {
    try {
      selectPayableRequirements(
        [offer({ amount: '30000' }), offer({ amount: '20000' }), offer({ amount: 'x' })],
        {
          ...rules,
          maxAmount: 100n,
        },
      )
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(OverBudgetError)
      expect(e).toMatchObject({ code: 'over_budget', amount: 20_000n, maxAmount: 100n })
    }
  })
})
