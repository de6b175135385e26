import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  AssetNotAllowedError,
  allowPayees,
  type BaseError,
  createPayingFetch,
  NoPaymentOptionError,
  OverBudgetError,
  PayeeNotAllowedError,
  PaymentRejectedError,
  readPaymentResponse,
} from '@rightflow/sdk'
import { HTTPFacilitatorClient } from '@x402/core/server'
import { ExactEvmScheme } from '@x402/evm/exact/server'
import {
  x402ResourceServer as ExpressResourceServer,
  paymentMiddleware as expressPaymentMiddleware,
} from '@x402/express'
import {
  x402ResourceServer as HonoResourceServer,
  paymentMiddleware as honoPaymentMiddleware,
} from '@x402/hono'
import express from 'express'
import { Hono } from 'hono'
import type { Address, Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freshAddress,
  type PaymentsHarness,
  paidReportApp,
  priceUnits,
  type Served,
  serveFetch,
  startPaymentsHarness,
} from './paymentsHarness.js'

describe('x402 exact: our paying fetch against servers built on the official middleware', () => {
  let h: PaymentsHarness
  let payTo: Address
  let honoSite: Served
  let expressSite: Served
  let ourSite: Served

  /** Each server as its package's README sets it up, pointed at our facilitator over HTTP. */
  const routes = () => ({
    'GET /weather': {
      accepts: { scheme: 'exact', network: h.network, payTo, price: h.price },
      description: 'Weather data',
      mimeType: 'application/json',
    },
  })

  beforeAll(async () => {
    h = await startPaymentsHarness()
    payTo = h.payee()
    const facilitator = () => new HTTPFacilitatorClient({ url: h.facilitatorUrl })

    const hono = new Hono()
    hono.use(
      honoPaymentMiddleware(
        routes(),
        new HonoResourceServer(facilitator()).register(h.network, new ExactEvmScheme()),
      ),
    )
    hono.get('/weather', (c) => c.json({ weather: 'sunny' }))
    honoSite = await serveFetch(hono.fetch)

    const app = express()
    app.use(
      expressPaymentMiddleware(
        routes(),
        new ExpressResourceServer(facilitator()).register(h.network, new ExactEvmScheme()),
      ),
    )
    app.get('/weather', (_req, res) => {
      res.json({ weather: 'rainy' })
    })
    expressSite = await listen(app.listen(0, '127.0.0.1'))

    ourSite = await serveFetch(paidReportApp(h, payTo).app.fetch)
  })
  afterAll(async () => {
    await Promise.all([honoSite?.close(), expressSite?.close(), ourSite?.close()])
    await h?.stop()
  })

  const payingFetch = (account: Parameters<typeof createPayingFetch>[0]['account'], extra = {}) =>
    createPayingFetch({
      account,
      network: h.network,
      maxAmountPerRequest: priceUnits,
      allowedAssets: [h.token],
      ...extra,
    })

  for (const [name, site, weather] of [
    ['@x402/hono', () => honoSite, 'sunny'],
    ['@x402/express', () => expressSite, 'rainy'],
  ] as const)
    it(`pays a ${name} server: exactly the price moves and the settlement is on chain`, async () => {
      const payer = await h.payer(1)
      const payeeBefore = await h.balanceOf(payTo)
      const response = await payingFetch(payer)(`${site().url}/weather`)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ weather })
      const settled = readPaymentResponse(response)!
      expect(settled).toMatchObject({ success: true, network: h.network, payer: payer.address })
      const receipt = await h.chain.publicClient.getTransactionReceipt({ hash: settled.transaction as Hex })
      expect(receipt.status).toBe('success')
      expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
      expect(await h.balanceOf(payTo)).toBe(payeeBefore + priceUnits)
    })

  it('pays our own paidRoutes server too', async () => {
    const payer = await h.payer(1)
    const response = await payingFetch(payer)(`${ourSite.url}/v1/paid/report`)
    expect(response.status).toBe(200)
    expect(readPaymentResponse(response)?.success).toBe(true)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - priceUnits)
  })

  it('passes free responses through untouched', async () => {
    const payer = await h.payer(0)
    const response = await payingFetch(payer)(`${ourSite.url}/v1/free`)
    expect(await response.text()).toBe('free')
  })

  /** Refusals happen before signing: nothing moves, and the error carries a stable code. */
  const refused = async (
    promise: Promise<Response>,
    type: new (...args: never[]) => BaseError,
    code: string,
  ) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(type)
    expect((error as BaseError).code).toBe(code)
  }

  it('refuses a price over the per-request limit (over_budget)', async () => {
    const payer = await h.payer(1)
    await refused(
      payingFetch(payer, { maxAmountPerRequest: priceUnits - 1n })(`${honoSite.url}/weather`),
      OverBudgetError,
      'over_budget',
    )
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
  })

  it('refuses a token it may not spend (asset_not_allowed)', async () => {
    const payer = await h.payer(1)
    await refused(
      payingFetch(payer, { allowedAssets: [freshAddress()] })(`${expressSite.url}/weather`),
      AssetNotAllowedError,
      'asset_not_allowed',
    )
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
  })

  it('refuses another chain (no_payment_option)', async () => {
    const payer = await h.payer(1)
    await refused(
      payingFetch(payer, { network: 'eip155:8453' })(`${honoSite.url}/weather`),
      NoPaymentOptionError,
      'no_payment_option',
    )
  })

  it('runs the policy with what would be paid, and its error is what the caller gets (payee_not_allowed)', async () => {
    const payer = await h.payer(1)
    const seen: string[] = []
    const policy = async (requirements: { payTo: string; amount: string }) => {
      seen.push(`${requirements.payTo}:${requirements.amount}`)
      await allowPayees([freshAddress()])(requirements as never)
    }
    await refused(
      payingFetch(payer, { policy })(`${honoSite.url}/weather`),
      PayeeNotAllowedError,
      'payee_not_allowed',
    )
    expect(seen).toEqual([`${payTo}:${priceUnits}`])
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
    const allowed = await payingFetch(payer, { policy: allowPayees([payTo]) })(`${honoSite.url}/weather`)
    expect(allowed.status).toBe(200)
  })

  it('reports a payment the server refuses (payment_rejected, with the reason)', async () => {
    const payer = await h.payer(0)
    const error = await payingFetch(payer)(`${ourSite.url}/v1/paid/report`).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PaymentRejectedError)
    expect((error as PaymentRejectedError).reason).toBe('invalid_exact_evm_insufficient_balance')
    expect((error as PaymentRejectedError).response.status).toBe(402)
  })
})

function listen(server: Server): Promise<Served> {
  return new Promise((resolve) =>
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    }),
  )
}
