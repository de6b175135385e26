import {
  decodePaymentResponseHeader,
  decodePaymentSignatureHeader,
  encodePaymentResponseHeader,
  encodePaymentSignatureHeader,
} from '@x402/core/http'
import type { PaymentPayload, SettleResponse } from '@x402/core/types'
import { describe, expect, it } from 'vitest'
import {
  decodePaymentResponse,
  decodePaymentSignature,
  encodePaymentResponse,
  encodePaymentSignature,
} from '../../src/index.js'

const payload: PaymentPayload = {
  x402Version: 2,
  resource: { url: 'https://api.example/v1/paid/çà?q=✓', description: 'Ünïcødé 🎨 report' },
  accepted: {
    scheme: 'channel',
    network: 'eip155:31337',
    asset: '0x00000000000000000000000000000000000000aa',
    amount: '100',
    payTo: '0x00000000000000000000000000000000000000cc',
    maxTimeoutSeconds: 300,
    extra: { name: 'Rightflow Test USD', version: '1', royalty: null },
  },
  payload: {
    channelId: `0x${'ab'.repeat(32)}`,
    cumulativeAmount: '12345',
    signature: `0x${'cd'.repeat(65)}`,
  },
}
const settled = {
  success: true,
  transaction: '',
  network: 'eip155:31337',
  payer: '0x00000000000000000000000000000000000000dd',
  extra: { note: 'ß ✓' },
  extensionResponses: { internal: true },
} as SettleResponse

describe('x402 header codecs through Buffer', () => {
  it('write exactly the bytes @x402/core writes, non-ASCII text included', () => {
    expect(encodePaymentSignature(payload)).toBe(encodePaymentSignatureHeader(payload))
    expect(encodePaymentResponse(settled)).toBe(encodePaymentResponseHeader(settled))
    expect(decodePaymentResponse(encodePaymentResponse(settled))).not.toHaveProperty('extensionResponses')
  })

  it('read what @x402/core writes, and what it reads', () => {
    const header = encodePaymentSignatureHeader(payload)
    expect(decodePaymentSignature(header)).toEqual(decodePaymentSignatureHeader(header))
    const response = encodePaymentResponseHeader(settled)
    expect(decodePaymentResponse(response)).toEqual(decodePaymentResponseHeader(response))
  })

  it('refuse what is not base64, or not JSON, as @x402/core does', () => {
    for (const bad of ['not base64!!', 'eyJhIjox', `${encodePaymentSignature(payload)}%`]) {
      expect(() => decodePaymentSignatureHeader(bad)).toThrow()
      expect(() => decodePaymentSignature(bad)).toThrow()
      expect(() => decodePaymentResponse(bad)).toThrow()
    }
  })
})
