import { type ChannelRoyalty, requestChannelClose, topUpChannel } from '@rightflow/sdk'
import { decodePaymentResponseHeader } from '@x402/core/http'
import { HTTPFacilitatorClient } from '@x402/core/server'
import type { PaymentRequirements } from '@x402/core/types'
import { Hono } from 'hono'
import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResourceServer } from '../../src/payments/x402/createResourceServer.js'
import { paidRoutes } from '../../src/payments/x402/paidRoutes.js'
import { exactEvmScheme } from '../../src/payments/x402/paymentSchemes.js'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from './channelHarness.js'
import { serveFetch, tokenDomain } from './paymentsHarness.js'

// The channel fast path (paidRoutes → channelFastPath) answers accepted vouchers without x402's pipeline and
// remembers channel state between calls; these pin down what it must keep doing the same and what it adds.
describe('channel fast path: accepted vouchers served without x402’s pipeline, state remembered between calls', () => {
  let h: ChannelHarness
  let site: ChannelSite
  let royalty: ChannelRoyalty
  let requirements: PaymentRequirements
  let payer: Actor

  beforeAll(async () => {
    h = await startChannelHarness()
    const { assetId } = await h.newAsset()
    royalty = { assetId, bps: 500 }
    site = await h.site({ royalty })
    requirements = await site.requirements()
    payer = await h.actor(10)
  })
  afterAll(() => h?.stop())

  const open = () => h.open(payer, site.payee.account.address, 100_000n, royalty)
  const voucher = (channelId: Hex, amount: bigint, terms = requirements) =>
    h.voucherHeader(terms, payer.account, channelId, amount)
  const pay = (url: string, header: string) => fetch(url, { headers: { 'payment-signature': header } })
  const chargedOn = async (store: ChannelSite['store'], channelId: Hex) =>
    (await store.getChannel({ network: h.network, channels: h.contracts.paymentChannels, channelId }))
      ?.charged

  it('streams a paid body: PAYMENT-RESPONSE arrives with the headers, before the body has ended', async () => {
    const channelId = await open()
    // x402's middleware reads the whole body before it answers; this fetch would then wait for endStreams().
    const response = await pay(`${site.url}/v1/paid/stream`, await voucher(channelId, callPrice))
    expect(response.status).toBe(200)
    expect(decodePaymentResponseHeader(response.headers.get('payment-response')!)).toMatchObject({
      success: true,
      scheme: 'channel',
      extra: { channelId, charged: callPrice.toString() },
    })
    expect(response.headers.get('cache-control')).toBe('private')
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk;')
    site.endStreams()
    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value)
    expect(rest).toBe('the rest')
    expect(await chargedOn(site.store, channelId)).toBe(callPrice)
  })

  it('two servers on one SQLite file charge the same channel in turn; each voucher’s credit is spent once', async () => {
    const other = await h.site({ royalty, databasePath: site.databasePath, payee: site.payee })
    const channelId = await open()
    const servers = [site, other]
    for (let call = 1n; call <= 6n; call++) {
      // Each server remembers the channel as it last charged it, which the other has since changed.
      const server = servers[Number(call % 2n)]!
      const header = await voucher(channelId, call * callPrice)
      const response = await pay(`${server.url}/v1/paid/report`, header)
      expect(response.status).toBe(200)
      const replayed = await pay(`${servers[Number((call + 1n) % 2n)]!.url}/v1/paid/report`, header)
      expect(replayed.status).toBe(402)
      expect(await replayed.json()).toMatchObject({ code: 'voucher_insufficient' })
    }
    expect(await chargedOn(site.store, channelId)).toBe(6n * callPrice)
    await other.close()
  })

  it('serves again once a top-up cancels a close: a refusal is never made on a remembered state alone', async () => {
    const channelId = await open()
    const contracts = h.contracts
    const { publicClient } = h.chain
    const url = `${site.url}/v1/paid/report`
    expect((await pay(url, await voucher(channelId, callPrice))).status).toBe(200)
    await requestChannelClose({ publicClient, walletClient: payer.walletClient, contracts, channelId })
    await site.claimer.tick()
    const refused = await pay(url, await voucher(channelId, 2n * callPrice))
    expect(await refused.json()).toMatchObject({ code: 'channel_closing' })
    // The payer's top-up cancels the close; the claimer records it, and the verifier's memory says "closing".
    await topUpChannel({
      publicClient,
      walletClient: payer.walletClient,
      contracts,
      channelId,
      amount: 1_000n,
    })
    await site.claimer.tick()
    expect((await pay(url, await voucher(channelId, 2n * callPrice))).status).toBe(200)
    expect(await chargedOn(site.store, channelId)).toBe(2n * callPrice)
  })

  it('answers a refused voucher through x402 as before: the reason, the channel view, nothing charged', async () => {
    const channelId = await open()
    expect((await pay(`${site.url}/v1/paid/report`, await voucher(channelId, callPrice))).status).toBe(200)
    const stale = await pay(`${site.url}/v1/paid/report`, await voucher(channelId, callPrice))
    expect(stale.status).toBe(402)
    expect(await stale.json()).toMatchObject({ code: 'voucher_insufficient' })
    expect(stale.headers.get('payment-required')).toBeTruthy()
    expect(await chargedOn(site.store, channelId)).toBe(callPrice)
  })

  it('leaves a resource server of your own to x402’s pipeline, so its hooks see every channel payment', async () => {
    const settled: string[] = []
    const server = createResourceServer({
      facilitator: new HTTPFacilitatorClient({ url: h.facilitatorUrl }),
      schemes: [exactEvmScheme(), { network: h.network, server: site.scheme }],
    }).onAfterSettle(async ({ result }) => {
      settled.push((result as { scheme?: string }).scheme ?? 'unknown')
    })
    const app = new Hono()
    const price = { amount: callPrice.toString(), asset: h.token, extra: tokenDomain }
    app.use(
      paidRoutes({
        server,
        facilitator: [],
        routes: {
          'GET /v1/paid/report': {
            price,
            payTo: site.payee.account.address,
            network: h.network,
            schemes: ['channel'],
            royalty,
          },
        },
      }),
    )
    app.get('/v1/paid/report', (c) => c.json({ report: 'hooked' }))
    const served = await serveFetch(app.fetch)
    try {
      const channelId = await open()
      const response = await pay(`${served.url}/v1/paid/report`, await voucher(channelId, callPrice))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ report: 'hooked' })
      expect(settled).toEqual(['channel'])
    } finally {
      await served.close()
    }
  })
})
