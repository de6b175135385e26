import { testStablecoinAbi } from '@rightflow/sdk'
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  decodePaymentSignatureHeader,
} from '@x402/core/http'
import type { PaymentRequired } from '@x402/core/types'
import { type Address, type Hex, type LocalAccount, parseSignature } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  freshAddress,
  type PaymentsHarness,
  paidReportApp,
  priceUnits,
  type Served,
  serveFetch,
  startPaymentsHarness,
} from './paymentsHarness.js'
import { paymentRequiredAt, signPayment } from './signPayment.js'

describe('x402 exact: bad payments never get the paid response', () => {
  let h: PaymentsHarness
  let site: Served
  let served: { count: number }
  let hooks: ReturnType<typeof paidReportApp>['hooks']
  let payTo: Address
  let url: string
  let required: PaymentRequired
  let payer: LocalAccount

  beforeAll(async () => {
    h = await startPaymentsHarness()
    payTo = h.payee()
    const paid = paidReportApp(h, payTo)
    served = paid.served
    hooks = paid.hooks
    site = await serveFetch(paid.app.fetch)
    url = `${site.url}/v1/paid/report`
    required = await paymentRequiredAt(url)
  })
  afterAll(async () => {
    await site?.close()
    await h?.stop()
  })
  beforeEach(async () => {
    payer = await h.payer(1)
  })

  const send = (header: string) => fetch(url, { headers: { 'payment-signature': header } })
  const now = () => Math.floor(Date.now() / 1000)

  /** Refused with 402 and `code`: a problem body (never the report), PAYMENT-REQUIRED to pay again, nothing moved. */
  async function expectRefused(header: string, code: string) {
    const before = { served: served.count, payee: await h.balanceOf(payTo) }
    const response = await send(header)
    expect(response.status).toBe(402)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 402, code })
    expect(decodePaymentRequiredHeader(response.headers.get('payment-required')!).error).toBe(code)
    expect(served.count).toBe(before.served)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
    expect(await h.balanceOf(payTo)).toBe(before.payee)
  }

  it('serves a replayed PAYMENT-SIGNATURE once: the second is refused and moves nothing', async () => {
    const header = await signPayment(payer, required)
    const first = await send(header)
    expect(first.status).toBe(200)
    expect(decodePaymentResponseHeader(first.headers.get('payment-response')!).success).toBe(true)
    const servedAfterFirst = served.count
    const replay = await send(header)
    expect(replay.status).toBe(402)
    const body = await replay.json()
    expect(body).toMatchObject({ code: 'invalid_exact_evm_nonce_already_used' })
    expect(body).not.toHaveProperty('report')
    expect(served.count).toBe(servedAfterFirst)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
  })

  it('serves exactly one of concurrent requests carrying the same authorization', async () => {
    const header = await signPayment(payer, required)
    const servedBefore = served.count
    const responses = await Promise.all(Array.from({ length: 6 }, () => send(header)))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 402)).toHaveLength(5)
    const codes = await Promise.all(
      responses.filter((r) => r.status === 402).map(async (r) => ((await r.json()) as { code: string }).code),
    )
    for (const code of codes)
      expect(['payment_in_flight', 'invalid_exact_evm_nonce_already_used']).toContain(code)
    // The handler ran once: the others were stopped before it, not only at settlement.
    expect(served.count).toBe(servedBefore + 1)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
  })

  it('settles concurrent distinct payments from one relayer without nonce clashes', async () => {
    const headers = await Promise.all(Array.from({ length: 5 }, () => signPayment(payer, required)))
    const responses = await Promise.all(headers.map(send))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const txs = responses.map(
      (r) => decodePaymentResponseHeader(r.headers.get('payment-response')!).transaction,
    )
    expect(new Set(txs).size).toBe(5)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - 5n * priceUnits)
  })

  it('answers 402 without the body when the settlement fails after the handler ran', async () => {
    const header = await signPayment(payer, required)
    const { nonce } = decodePaymentSignatureHeader(header).payload.authorization as { nonce: Hex }
    // The payer cancels the authorization on chain while the handler is working.
    hooks.beforeAnswer = async () => {
      const signature = await payer.signTypedData({
        domain: {
          name: 'Rightflow Test USD',
          version: '1',
          chainId: h.chain.chainId,
          verifyingContract: h.token,
        },
        types: {
          CancelAuthorization: [
            { name: 'authorizer', type: 'address' },
            { name: 'nonce', type: 'bytes32' },
          ],
        },
        primaryType: 'CancelAuthorization',
        message: { authorizer: payer.address, nonce },
      })
      const { v, r, s } = parseSignature(signature)
      const hash = await h.chain.walletClient.writeContract({
        address: h.token,
        abi: testStablecoinAbi,
        functionName: 'cancelAuthorization',
        args: [payer.address, nonce, Number(v), r, s],
        account: h.chain.walletClient.account!,
        chain: h.chain.walletClient.chain,
      })
      await h.chain.publicClient.waitForTransactionReceipt({ hash })
    }
    const response = await send(header).finally(() => {
      hooks.beforeAnswer = undefined
    })
    expect(response.status).toBe(402)
    const body = await response.json()
    expect(body).toMatchObject({ status: 402, code: 'invalid_exact_evm_nonce_already_used' })
    expect(body).not.toHaveProperty('report')
    expect(decodePaymentResponseHeader(response.headers.get('payment-response')!)).toMatchObject({
      success: false,
      errorReason: 'invalid_exact_evm_nonce_already_used',
    })
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
  })

  it('refuses an expired authorization (validBefore in the past)', async () => {
    const header = await signPayment(payer, required, { authorization: { validBefore: String(now() - 60) } })
    await expectRefused(header, 'invalid_exact_evm_payload_authorization_valid_before')
  })

  it('refuses an authorization that is not valid yet (validAfter in the future)', async () => {
    const header = await signPayment(payer, required, { authorization: { validAfter: String(now() + 3600) } })
    await expectRefused(header, 'invalid_exact_evm_payload_authorization_valid_after')
  })

  it('refuses a signature for another chain id', async () => {
    await expectRefused(await signPayment(payer, required, { chainId: 1 }), 'invalid_exact_evm_signature')
  })

  it('refuses a payload that claims another network', async () => {
    const header = await signPayment(payer, required, { chainId: 1, accepted: { network: 'eip155:1' } })
    await expectRefused(header, 'requirements_mismatch')
  })

  it('refuses a transfer to another payee', async () => {
    const thief = freshAddress()
    await expectRefused(
      await signPayment(payer, required, { authorization: { to: thief } }),
      'invalid_exact_evm_recipient_mismatch',
    )
    await expectRefused(
      await signPayment(payer, required, { authorization: { to: thief }, accepted: { payTo: thief } }),
      'requirements_mismatch',
    )
    expect(await h.balanceOf(thief)).toBe(0n)
  })

  it('refuses an amount below the price', async () => {
    const less = (priceUnits - 1n).toString()
    await expectRefused(
      await signPayment(payer, required, { authorization: { value: less } }),
      'invalid_exact_evm_payload_authorization_value_mismatch',
    )
    await expectRefused(
      await signPayment(payer, required, { authorization: { value: less }, accepted: { amount: less } }),
      'requirements_mismatch',
    )
  })

  it('refuses an authorization signed by someone other than the payer', async () => {
    const other = privateKeyToAccount(generatePrivateKey())
    const header = await signPayment(other, required, { authorization: { from: payer.address } })
    await expectRefused(header, 'invalid_exact_evm_signature')
  })

  it('refuses another token', async () => {
    await expectRefused(
      await signPayment(payer, required, { accepted: { asset: freshAddress() } }),
      'requirements_mismatch',
    )
  })

  it('answers malformed headers 402 malformed_payment, with PAYMENT-REQUIRED to pay properly', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    for (const header of [
      'not base64!!',
      b64('not json'),
      b64('[]'),
      b64('{"x402Version":2}'),
      b64(JSON.stringify({ x402Version: 2, accepted: required.accepts[0] })),
    ])
      await expectRefused(header, 'malformed_payment')
  })

  it('refuses a well-formed payload the exact scheme cannot read (invalid_payload)', async () => {
    const b64 = Buffer.from(
      JSON.stringify({
        x402Version: 2,
        resource: required.resource,
        accepted: required.accepts[0],
        payload: {},
      }),
    ).toString('base64')
    await expectRefused(b64, 'invalid_payload')
  })
})
