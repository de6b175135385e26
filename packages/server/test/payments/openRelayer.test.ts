import { decodePaymentSignatureHeader } from '@x402/core/http'
import type { PaymentRequired, PaymentRequirements, SettleResponse, VerifyResponse } from '@x402/core/types'
import type { Address, LocalAccount } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultPaymentsConfig } from '../../src/payments/startPayments.js'
import { freshAddress, type PaymentsHarness, startPaymentsHarness, tokenDomain } from './paymentsHarness.js'
import { signPayment } from './signPayment.js'

describe('open gas relayer: /facilitator settles only what the operator chose to pay gas for', () => {
  let h: PaymentsHarness
  let relayer: Address

  beforeAll(async () => {
    h = await startPaymentsHarness()
    relayer = h.server.chain.walletClient.account!.address
  })
  afterAll(() => h?.stop())

  /** Requirements as a resource server would issue them; by default those of our own paid route. */
  const terms = (overrides: Partial<PaymentRequirements> = {}): PaymentRequired => ({
    x402Version: 2,
    resource: { url: `${h.server.url}/v1/paid/content/x`, description: '', mimeType: '' },
    accepts: [
      {
        scheme: 'exact',
        network: h.network,
        asset: h.token,
        amount: defaultPaymentsConfig.contentPrice.toString(),
        payTo: relayer,
        maxTimeoutSeconds: 300,
        extra: tokenDomain,
        ...overrides,
      },
    ],
  })
  const call = async <T>(path: 'verify' | 'settle', payer: LocalAccount, required: PaymentRequired) => {
    const paymentPayload = decodePaymentSignatureHeader(await signPayment(payer, required))
    const response = await fetch(`${h.facilitatorUrl}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x402Version: 2, paymentPayload, paymentRequirements: required.accepts[0] }),
    })
    return (await response.json()) as T
  }
  const relayerState = async () => ({
    nonce: await h.chain.publicClient.getTransactionCount({ address: relayer }),
    balance: await h.chain.publicClient.getBalance({ address: relayer }),
  })

  it("refuses a stranger's transfer to another stranger (relay_not_allowed) and sends no transaction", async () => {
    const before = await relayerState()
    for (const payer of [await h.payer(0), await h.payer(1)]) {
      const tokens = await h.balanceOf(payer.address)
      const required = terms({ payTo: freshAddress() })
      expect(await call<VerifyResponse>('verify', payer, required)).toMatchObject({
        isValid: false,
        invalidReason: 'relay_not_allowed',
      })
      expect(await call<SettleResponse>('settle', payer, required)).toMatchObject({
        success: false,
        errorReason: 'relay_not_allowed',
        transaction: '',
      })
      expect(await h.balanceOf(payer.address)).toBe(tokens)
    }
    expect(await relayerState()).toEqual(before)
  })

  it('refuses a payment to our own payee for an amount our routes never asked (relay_not_allowed)', async () => {
    const before = await relayerState()
    const payer = await h.payer(1)
    expect(await call<SettleResponse>('settle', payer, terms({ amount: '1' }))).toMatchObject({
      success: false,
      errorReason: 'relay_not_allowed',
    })
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
    expect(await relayerState()).toEqual(before)
  })

  it('sends no transaction for 5 parallel settles of one underfunded authorization', async () => {
    const before = await relayerState()
    const payer = await h.payer(0.0005) // half the route's price
    const required = terms()
    const paymentPayload = decodePaymentSignatureHeader(await signPayment(payer, required))
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const response = await fetch(`${h.facilitatorUrl}/settle`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ x402Version: 2, paymentPayload, paymentRequirements: required.accepts[0] }),
        })
        return (await response.json()) as SettleResponse
      }),
    )
    expect(results.filter((r) => r.success)).toHaveLength(0)
    expect((await relayerState()).nonce).toBe(before.nonce)
    expect(await h.balanceOf(payer.address)).toBe(500n)
  })

  it('settles exactly one of 5 parallel authorizations that together exceed the payer, with no reverted transaction', async () => {
    const payer = await h.payer(0.001) // one call's price
    const before = await relayerState()
    const relayerTokens = await h.balanceOf(relayer)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call<SettleResponse>('settle', payer, terms())),
    )
    const settled = results.filter((r) => r.success)
    expect(settled).toHaveLength(1)
    for (const r of results.filter((r) => !r.success))
      expect(r.errorReason).toBe('invalid_exact_evm_insufficient_balance')
    // One transaction sent, and it succeeded: every transaction of the relayer's is one that paid it.
    expect((await relayerState()).nonce).toBe(before.nonce + 1)
    const receipt = await h.chain.publicClient.getTransactionReceipt({
      hash: settled[0]!.transaction as `0x${string}`,
    })
    expect(receipt.status).toBe('success')
    expect(await h.balanceOf(payer.address)).toBe(0n)
    expect(await h.balanceOf(relayer)).toBe(relayerTokens + defaultPaymentsConfig.contentPrice)
  })

  it('settles for a payee the operator allowed (RIGHTFLOW_FACILITATOR_PAYEES)', async () => {
    const payee = h.payee()
    const payer = await h.payer(1)
    const settled = await call<SettleResponse>('settle', payer, terms({ payTo: payee, amount: '12345' }))
    expect(settled).toMatchObject({ success: true, payer: payer.address })
    expect(await h.balanceOf(payee)).toBe(12_345n)
  })

  it('refuses junk as data (invalid_request), never spending gas', async () => {
    const before = await relayerState()
    const response = await fetch(`${h.facilitatorUrl}/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        x402Version: 2,
        paymentPayload: { junk: true },
        paymentRequirements: terms().accepts[0],
      }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ success: false, errorReason: 'invalid_request' })
    expect(await relayerState()).toEqual(before)
  })

  it("shows the relayer's address and balance on /health", async () => {
    const health = await fetch(`${h.server.url}/health`)
    expect(health.status).toBe(200)
    const body = (await health.json()) as {
      status: string
      degraded: string[]
      relayer: Record<string, string>
    }
    expect(body.status).toBe('ok')
    expect(body.degraded).toEqual([])
    expect(body.relayer.address).toBe(relayer)
    expect(BigInt(body.relayer.balance!)).toBe((await relayerState()).balance)
  })
})
