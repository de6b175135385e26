import { decodePaymentRequiredHeader, decodePaymentResponseHeader } from '@x402/core/http'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import { wrapFetchWithPaymentFromConfig } from '@x402/fetch'
import type { Address, Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type PaymentsHarness,
  paidReportApp,
  priceUnits,
  type Served,
  serveFetch,
  startPaymentsHarness,
} from './paymentsHarness.js'

describe('x402 exact: an unmodified @x402/fetch client pays our Hono route through our facilitator', () => {
  let h: PaymentsHarness
  let site: Served
  let served: { count: number }
  let payTo: Address

  beforeAll(async () => {
    h = await startPaymentsHarness()
    payTo = h.payee()
    const paid = paidReportApp(h, payTo)
    served = paid.served
    site = await serveFetch(paid.app.fetch)
  })
  afterAll(async () => {
    await site?.close()
    await h?.stop()
  })

  /** Configured only as @x402/fetch's README says, plus the spend control that admits a non-default token. */
  const officialClient = (
    account: Parameters<typeof wrapFetchWithPaymentFromConfig>[1]['schemes'][0]['client'],
  ) =>
    wrapFetchWithPaymentFromConfig(fetch, {
      schemes: [{ network: h.network, client: account }],
      spendControls: { allowedAssets: [{ network: h.network, asset: h.token }] },
    })

  it('answers an unpaid request 402 with PAYMENT-REQUIRED naming price, token, payee and EIP-712 domain', async () => {
    const response = await fetch(`${site.url}/v1/paid/report`)
    expect(response.status).toBe(402)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 402, code: 'payment_required' })
    const required = decodePaymentRequiredHeader(response.headers.get('payment-required')!)
    expect(required.x402Version).toBe(2)
    expect(required.resource).toMatchObject({
      url: `${site.url}/v1/paid/report`,
      description: 'A paid report',
    })
    expect(required.accepts).toEqual([
      expect.objectContaining({
        scheme: 'exact',
        network: h.network,
        amount: priceUnits.toString(),
        asset: h.token,
        payTo,
        extra: { name: 'Rightflow Test USD', version: '1' },
      }),
    ])
    expect(served.count).toBe(0)
  })

  it('is paid once: payer −price, payee +price, PAYMENT-RESPONSE carrying the settlement tx', async () => {
    const payer = await h.payer(1)
    const before = { payer: await h.balanceOf(payer.address), payee: await h.balanceOf(payTo) }
    const pay = officialClient(new ExactEvmScheme(payer))
    const started = performance.now()
    const response = await pay(`${site.url}/v1/paid/report`)
    const latencyMs = performance.now() - started
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ report: 'the paid content' })
    const settled = decodePaymentResponseHeader(response.headers.get('payment-response')!)
    expect(settled).toMatchObject({ success: true, network: h.network, payer: payer.address })
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/)
    const receipt = await h.chain.publicClient.getTransactionReceipt({ hash: settled.transaction as Hex })
    expect(receipt.status).toBe('success')
    expect(await h.balanceOf(payer.address)).toBe(before.payer - priceUnits)
    expect(await h.balanceOf(payTo)).toBe(before.payee + priceUnits)
    expect(served.count).toBe(1)
    console.info(
      `[x402 exact] gas ${receipt.gasUsed} per settlement; ${latencyMs.toFixed(0)} ms per paid request`,
    )
  })

  it('does not charge when the handler fails', async () => {
    const payer = await h.payer(1)
    const response = await officialClient(new ExactEvmScheme(payer))(`${site.url}/v1/paid/broken`)
    expect(response.status).toBe(500)
    expect(response.headers.get('payment-response')).toBeNull()
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
  })

  it('leaves unpriced routes alone', async () => {
    const response = await fetch(`${site.url}/v1/free`, { headers: { 'payment-signature': 'garbage' } })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('free')
  })

  it('measures gas and latency over sequential payments', async () => {
    const payer = await h.payer(1)
    const pay = officialClient(new ExactEvmScheme(payer))
    const times: number[] = []
    const gas: bigint[] = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      const response = await pay(`${site.url}/v1/paid/report`)
      times.push(performance.now() - started)
      expect(response.status).toBe(200)
      const { transaction } = decodePaymentResponseHeader(response.headers.get('payment-response')!)
      gas.push((await h.chain.publicClient.getTransactionReceipt({ hash: transaction as Hex })).gasUsed)
    }
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n - 10n * priceUnits)
    times.sort((a, b) => a - b)
    console.info(
      `[x402 exact] 10 payments: gas ${gas[0]}..${gas.at(-1)}; latency median ${times[5]!.toFixed(0)} ms, max ${times[9]!.toFixed(0)} ms`,
    )
  })
})
