import { encodePaymentRequiredHeader } from '@x402/core/http'
import type { PaymentRequired } from '@x402/core/types'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { createPayingFetch, PayeeNotAllowedError, PaymentFailedError } from '../../src/index.js'

const token = '0x00000000000000000000000000000000000000aa'
const paymentRequired: PaymentRequired = {
  x402Version: 2,
  resource: { url: 'http://api.test/paid' },
  accepts: [
    {
      scheme: 'exact',
      network: 'eip155:31337',
      asset: token,
      amount: '10000',
      payTo: '0x00000000000000000000000000000000000000cc',
      maxTimeoutSeconds: 300,
      extra: { name: 'Rightflow Test USD', version: '1' },
    },
  ],
}

/** A fetch that answers 402 with `header` and records what it was sent. */
function stubServer(header: string) {
  const sent: Request[] = []
  const fetch = (async (...args: Parameters<typeof globalThis.fetch>) => {
    sent.push(new Request(...args))
    return new Response('{}', { status: 402, headers: { 'payment-required': header } })
  }) as typeof globalThis.fetch
  return { fetch, sent }
}

const pay = (fetch: typeof globalThis.fetch, policy?: Parameters<typeof createPayingFetch>[0]['policy']) =>
  createPayingFetch({
    account: privateKeyToAccount(generatePrivateKey()),
    network: 'eip155:31337',
    maxAmountPerRequest: 10_000n,
    allowedAssets: [token],
    policy,
    fetch,
  })

describe('createPayingFetch without a chain', () => {
  it('passes on the fetch’s own failure when no 402 was seen', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof globalThis.fetch
    await expect(pay(failing)('http://api.test/paid')).rejects.toThrow(TypeError)
  })

  it('throws payment_failed for a 402 it cannot read', async () => {
    const { fetch } = stubServer('not base64!!')
    const error = await pay(fetch)('http://api.test/paid').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaymentFailedError)
    expect((error as PaymentFailedError).code).toBe('payment_failed')
  })

  it('throws the policy’s error, even a synchronous one, and signs nothing', async () => {
    const { fetch, sent } = stubServer(encodePaymentRequiredHeader(paymentRequired))
    const policy = ((requirements: { payTo: string }) => {
      throw new PayeeNotAllowedError(requirements.payTo)
    }) as unknown as Parameters<typeof createPayingFetch>[0]['policy']
    const error = await pay(fetch, policy)('http://api.test/paid').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PayeeNotAllowedError)
    expect(sent.map((r) => r.headers.get('payment-signature'))).toEqual([null])
  })

  it('sends one signed retry and reports the refusal with the server’s reason', async () => {
    const refused = encodePaymentRequiredHeader({ ...paymentRequired, error: 'invalid_exact_evm_signature' })
    const sent: Request[] = []
    const fetch = (async (...args: Parameters<typeof globalThis.fetch>) => {
      sent.push(new Request(...args))
      const header = sent.length === 1 ? encodePaymentRequiredHeader(paymentRequired) : refused
      return new Response('{}', { status: 402, headers: { 'payment-required': header } })
    }) as typeof globalThis.fetch
    const error = await pay(fetch)('http://api.test/paid').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'payment_rejected', reason: 'invalid_exact_evm_signature' })
    expect(sent).toHaveLength(2)
    expect(sent[1]!.headers.get('payment-signature')).toBeTruthy()
  })

  it('sends the same request twice, unpaid then paid: method, body and the caller’s headers each time', async () => {
    for (const [input, init] of [
      ['http://api.test/paid', { method: 'POST', body: 'the body', headers: { 'x-caller': 'kept' } }],
      ['http://api.test/paid', { headers: new Headers({ 'x-caller': 'kept' }) }],
      [
        new Request('http://api.test/paid', {
          method: 'PUT',
          body: 'the body',
          headers: { 'x-caller': 'kept' },
        }),
      ],
    ] as const) {
      const { fetch, sent } = stubServer(encodePaymentRequiredHeader(paymentRequired))
      await pay(fetch)(input, init).catch(() => {})
      expect(sent).toHaveLength(2)
      const expected = input instanceof Request ? input : new Request(input, init)
      for (const request of sent) {
        expect(request.method).toBe(expected.method)
        expect(request.headers.get('x-caller')).toBe('kept')
        expect(await request.text()).toBe(expected.method === 'GET' ? '' : 'the body')
      }
      expect(sent.map((r) => r.headers.get('payment-signature') !== null)).toEqual([false, true])
    }
  })
})
