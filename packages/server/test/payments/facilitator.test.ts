import { decodePaymentRequiredHeader, decodePaymentSignatureHeader } from '@x402/core/http'
import { HTTPFacilitatorClient } from '@x402/core/server'
import type {
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  SettleResponse,
  SupportedResponse,
} from '@x402/core/types'
import { Hono } from 'hono'
import { createPublicClient, createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFacilitator } from '../../src/payments/facilitator/createFacilitator.js'
import { ensureMulticall3 } from '../../src/payments/facilitator/ensureMulticall3.js'
import { multicall3Address } from '../../src/payments/facilitator/multicall3Code.js'
import { toRelayerSigner } from '../../src/payments/facilitator/toRelayerSigner.js'
import { paidRoutes } from '../../src/payments/x402/paidRoutes.js'
import { connectChain } from '../../src/server.js'
import { devKeys } from '../support/devChain.js'
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

describe('the facilitator: x402 verify, settle and supported over HTTP and in process', () => {
  let h: PaymentsHarness
  let site: Served
  let required: PaymentRequired
  let requirements: PaymentRequirements

  beforeAll(async () => {
    h = await startPaymentsHarness()
    site = await serveFetch(paidReportApp(h, h.payee()).app.fetch)
    required = await paymentRequiredAt(`${site.url}/v1/paid/report`)
    requirements = required.accepts[0]!
  })
  afterAll(async () => {
    await site?.close()
    await h?.stop()
  })

  const post = (path: string, body: unknown) =>
    fetch(`${h.facilitatorUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const request = (paymentPayload: PaymentPayload, paymentRequirements = requirements) => ({
    x402Version: 2,
    paymentPayload,
    paymentRequirements,
  })
  const payment = async (payer = undefined as Awaited<ReturnType<PaymentsHarness['payer']>> | undefined) =>
    decodePaymentSignatureHeader(await signPayment(payer ?? (await h.payer(1)), required))

  it('lists the exact and channel schemes on our chain and the relayer that signs', async () => {
    const supported = (await (await fetch(`${h.facilitatorUrl}/supported`)).json()) as SupportedResponse
    expect(supported.kinds).toEqual([
      { x402Version: 2, scheme: 'exact', network: h.network },
      {
        x402Version: 2,
        scheme: 'channel',
        network: h.network,
        extra: { channels: h.chain.payments.paymentChannels },
      },
    ])
    expect(supported.signers['eip155:*']).toEqual([privateKeyToAccount(devKeys[1]).address])
  })

  it('verifies, then settles once: a second settle of the same authorization is refused', async () => {
    const payer = await h.payer(1)
    const paymentPayload = await payment(payer)
    const verified = await (await post('/verify', request(paymentPayload))).json()
    expect(verified).toMatchObject({ isValid: true, payer: payer.address })
    const settled = await (await post('/settle', request(paymentPayload))).json()
    expect(settled).toMatchObject({ success: true, network: h.network, payer: payer.address })
    const again = await (await post('/settle', request(paymentPayload))).json()
    expect(again).toMatchObject({ success: false, errorReason: 'invalid_exact_evm_nonce_already_used' })
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
  })

  it('settles one of concurrent settles of the same authorization, and pays gas once', async () => {
    const payer = await h.payer(1)
    const paymentPayload = await payment(payer)
    const relayer = privateKeyToAccount(devKeys[1]).address
    const nonceBefore = await h.chain.publicClient.getTransactionCount({ address: relayer })
    const results = await Promise.all(
      Array.from(
        { length: 4 },
        async () => (await (await post('/settle', request(paymentPayload))).json()) as SettleResponse,
      ),
    )
    expect(results.filter((r) => r.success)).toHaveLength(1)
    for (const r of results.filter((r) => !r.success))
      expect(['settlement_in_progress', 'invalid_exact_evm_nonce_already_used']).toContain(r.errorReason)
    expect(await h.chain.publicClient.getTransactionCount({ address: relayer })).toBe(nonceBefore + 1)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
  })

  it('refuses tokens it does not relay (unsupported_asset), before asking the chain', async () => {
    const paymentPayload = await payment()
    const other = { ...requirements, asset: freshAddress() }
    expect(await (await post('/verify', request(paymentPayload, other))).json()).toMatchObject({
      isValid: false,
      invalidReason: 'unsupported_asset',
    })
    expect(await (await post('/settle', request(paymentPayload, other))).json()).toMatchObject({
      success: false,
      errorReason: 'unsupported_asset',
    })
  })

  it('answers requests that are not verify/settle requests 400 invalid_request', async () => {
    const paymentPayload = await payment()
    for (const body of [
      'not json',
      '[]',
      { x402Version: 1, paymentPayload, paymentRequirements: requirements },
      { x402Version: 2, paymentPayload: { x402Version: 2 }, paymentRequirements: requirements },
      { x402Version: 2, paymentPayload, paymentRequirements: { scheme: 'exact' } },
      // 5,000 levels deep: refused by the depth bound before any schema walks it.
      `{"x402Version":2,"paymentPayload":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    ]) {
      const verify = await post('/verify', body)
      expect(verify.status).toBe(400)
      expect(await verify.json()).toMatchObject({ isValid: false, invalidReason: 'invalid_request' })
      const settle = await post('/settle', body)
      expect(settle.status).toBe(400)
      expect(await settle.json()).toMatchObject({ success: false, errorReason: 'invalid_request' })
    }
  })

  it('works in process: paidRoutes with the Facilitator object itself', async () => {
    const chain = await connectChain(h.chain.rpcUrl, devKeys[2])
    const facilitator = createFacilitator({
      publicClient: chain.publicClient,
      walletClient: chain.walletClient,
      assets: [h.token],
    })
    const payTo = freshAddress()
    const app = new Hono()
    app.use(
      paidRoutes({ network: h.network, facilitator, routes: { 'GET /tip': { price: h.price, payTo } } }),
    )
    app.get('/tip', (c) => c.text('thanks'))
    const url = 'http://localhost/tip'
    const unpaid = await app.request(url)
    expect(unpaid.status).toBe(402)
    const payer = await h.payer(1)
    const header = await signPayment(payer, paymentRequiredFrom(unpaid))
    const paid = await app.request(url, { headers: { 'payment-signature': header } })
    expect(paid.status).toBe(200)
    expect(await paid.text()).toBe('thanks')
    expect(await h.balanceOf(payTo)).toBe(priceUnits)
    // Another chain's token is not one this facilitator relays.
    expect(
      await facilitator.verify(await payment(payer), { ...requirements, network: 'eip155:1' }),
    ).toMatchObject({
      isValid: false,
      invalidReason: 'unsupported_asset',
    })
  })

  it('answers 502 facilitator_unavailable when the facilitator cannot be reached', async () => {
    const app = new Hono()
    const facilitator = new HTTPFacilitatorClient({ url: 'http://127.0.0.1:1', timeoutMs: 2_000 })
    app.use(
      paidRoutes({
        network: h.network,
        facilitator,
        routes: { 'GET /tip': { price: h.price, payTo: freshAddress() } },
      }),
    )
    app.get('/tip', (c) => c.text('thanks'))
    const response = await app.request('http://localhost/tip')
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ status: 502, code: 'facilitator_unavailable' })
  })

  it('needs a relayer with a nonce manager', () => {
    const transport = http(h.chain.rpcUrl)
    const chain = h.chain.walletClient.chain
    expect(() =>
      toRelayerSigner({
        publicClient: createPublicClient({ chain, transport }),
        walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(devKeys[2]) }),
      }),
    ).toThrow(/nonce manager/)
  })

  it('installs Multicall3 once, where it works like the real one', async () => {
    expect(await ensureMulticall3({ rpcUrl: h.chain.rpcUrl })).toEqual({ installed: false })
    const [symbol, decimals] = await h.chain.publicClient.multicall({
      multicallAddress: multicall3Address,
      allowFailure: false,
      contracts: [
        { address: h.token, abi: erc20, functionName: 'symbol' },
        { address: h.token, abi: erc20, functionName: 'decimals' },
      ],
    })
    expect([symbol, decimals]).toEqual(['tUSD', 6])
  })
})

const erc20 = [
  { type: 'function', name: 'symbol', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] },
] as const

function paymentRequiredFrom(response: Response): PaymentRequired {
  return decodePaymentRequiredHeader(response.headers.get('payment-required')!)
}
