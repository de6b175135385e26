import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { describe, expect, it } from 'vitest'
import { Facilitator } from '../../src/payments/facilitator/Facilitator.js'

const key = 'Ab12Cd34Ef56Gh78Ij90Kl'
const leak = `HTTP request failed. URL: https://user:pass@eth.example/v2/${key}?apikey=${key}`

/**
 * A scheme that answers like x402's exact scheme does when the RPC fails under it: the failure is returned, not
 * thrown, with viem's message (which keeps the URL's path and query) in it.
 */
const leakyScheme = {
  scheme: 'leaky',
  caipFamily: 'eip155:*',
  getExtra: () => undefined,
  getSigners: () => [],
  verify: async () => ({ isValid: false, invalidReason: 'unexpected_verify_error', invalidMessage: leak }),
  settle: async () => ({
    success: false,
    errorReason: 'unexpected_settle_error',
    errorMessage: leak,
    transaction: '',
    network: 'eip155:31337' as const,
  }),
}

const requirements = {
  scheme: 'leaky',
  network: 'eip155:31337',
  asset: '0x0000000000000000000000000000000000000001',
  amount: '1',
  payTo: '0x0000000000000000000000000000000000000002',
  maxTimeoutSeconds: 60,
  extra: {},
} as PaymentRequirements
const payload = { x402Version: 2, accepted: requirements, payload: {} } as unknown as PaymentPayload

describe('credentials leak through facilitator answers', () => {
  it("a scheme's returned verify and settle messages reach clients without the RPC URL's secrets", async () => {
    const facilitator = new Facilitator().register('eip155:31337', leakyScheme)
    const verified = await facilitator.verify(payload, requirements)
    const settled = await facilitator.settle(payload, requirements)
    expect(verified.isValid).toBe(false)
    expect(settled.success).toBe(false)
    for (const text of [verified.invalidMessage, settled.errorMessage]) {
      expect(text).toContain('https://***@eth.example/v2/***?apikey=***')
      expect(text).not.toMatch(new RegExp(`${key}|pass`))
    }
  })
})
