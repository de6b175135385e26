import { describe, expect, it } from 'vitest'
import { NothingToClaimError, RegistryRevertError, toRightsError } from '../../src/index.js'

describe('RegistryRevertError codes', () => {
  it.each([
    ['PriceAboveMaximum', 'price_above_maximum'],
    ['NotADataset', 'not_a_dataset'],
    ['ERC20InsufficientAllowance', 'erc20_insufficient_allowance'],
    ['ERC2612ExpiredSignature', 'erc2612_expired_signature'],
    ['ECDSAInvalidSignature', 'ecdsa_invalid_signature'],
  ])('%s is %s', (errorName, code) => {
    expect(new RegistryRevertError(errorName, []).code).toBe(code)
  })
})

describe('toRightsError', () => {
  it('passes the SDK’s own errors through unchanged', () => {
    const error = new NothingToClaimError('0x0000000000000000000000000000000000000001', '0x01')
    expect(toRightsError(error)).toBe(error)
  })
})
