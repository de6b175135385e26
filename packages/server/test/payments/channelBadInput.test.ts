import { type ChannelRoyalty, parseServerView, requestChannelClose, topUpChannel } from '@rightflow/sdk'
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  encodePaymentSignatureHeader,
} from '@x402/core/http'
import type { PaymentRequirements } from '@x402/core/types'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteChannelStore } from '../../src/payments/channel/SqliteChannelStore.js'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from './channelHarness.js'
import { signPayment } from './signPayment.js'

describe('channel: a bad voucher gets a 402 with a stable reason, never the paid response, never a lost payment', () => {
  let h: ChannelHarness
  let site: ChannelSite
  let royalty: ChannelRoyalty
  let requirements: PaymentRequirements
  let payer: Actor
  let channelId: Hex
  const deposit = 100_000n

  beforeAll(async () => {
    h = await startChannelHarness()
    const { assetId } = await h.newAsset()
    royalty = { assetId, bps: 1_000 }
    site = await h.site({ royalty })
    requirements = await site.requirements()
    payer = await h.actor(10)
    channelId = await h.open(payer, site.payee.account.address, deposit, royalty)
  })
  afterAll(() => h?.stop())

  const url = () => `${site.url}/v1/paid/report`
  const send = (header: string, path = '/v1/paid/report') =>
    fetch(`${site.url}${path}`, { headers: { 'payment-signature': header } })
  const voucher = (amount: bigint, id = channelId, signer = payer.account, chainId?: number) =>
    h.voucherHeader(requirements, signer, id, amount, chainId)
  const stateOf = async (id = channelId) =>
    site.store.getChannel({ network: h.network, channels: h.contracts.paymentChannels, channelId: id })
  /** What was charged and accepted on a channel (undefined before the server saw it). */
  const chargesOf = async (id: Hex) => {
    const state = await stateOf(id)
    return { accepted: state?.accepted, charged: state?.charged ?? 0n }
  }
  /** A new channel from the payer to the site, with the route's royalty. */
  const fresh = (amount = deposit) => h.open(payer, site.payee.account.address, amount, royalty)
  /** The voucher for one more call than was charged. */
  const nextOf = async (id: Hex) => ((await stateOf(id))?.charged ?? 0n) + callPrice

  /** Served, and charged exactly one call. */
  async function expectPaid(header: string, id = channelId) {
    const before = { served: site.served.count, charged: (await stateOf(id))?.charged ?? 0n }
    const response = await send(header)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ report: 'the paid content' })
    expect(site.served.count).toBe(before.served + 1)
    expect((await stateOf(id))!.charged).toBe(before.charged + callPrice)
    return response
  }

  /** Refused with 402 and `code` (problem body and PAYMENT-REQUIRED agree); nothing served, nothing charged. */
  async function expectRefused(header: string, code: string, id = channelId) {
    const before = { served: site.served.count, charges: await chargesOf(id) }
    const response = await send(header)
    expect(response.status).toBe(402)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 402, code })
    const required = decodePaymentRequiredHeader(response.headers.get('payment-required')!)
    expect(required.error).toBe(code)
    expect(site.served.count).toBe(before.served)
    expect(await chargesOf(id)).toEqual(before.charges)
    return required
  }

  /** The server's view a corrective 402 carries for the channel. */
  const viewIn = (required: { accepts: PaymentRequirements[] }) =>
    parseServerView(required.accepts.find((r) => r.scheme === 'channel')!.extra)

  it('charges one call per voucher, answering PAYMENT-RESPONSE with the channel and no transaction', async () => {
    const response = await expectPaid(await voucher(callPrice))
    const settled = decodePaymentResponseHeader(response.headers.get('payment-response')!)
    expect(settled).toMatchObject({
      success: true,
      scheme: 'channel',
      transaction: '',
      network: h.network,
      payer: payer.account.address.toLowerCase(),
      extra: { channelId, accepted: '1000', charged: '1000', remaining: (deposit - callPrice).toString() },
    })
  })

  it('refuses a replayed voucher (voucher_insufficient), with the server’s view to resync from', async () => {
    const id = await fresh()
    await expectPaid(await voucher(callPrice, id), id)
    const header = await voucher(2n * callPrice, id)
    await expectPaid(header, id)
    const required = await expectRefused(header, 'voucher_insufficient', id)
    expect(viewIn(required)).toMatchObject({
      channelId: id,
      accepted: '2000',
      charged: '2000',
      deposit: '100000',
    })
    // The view's signature is the payer's own voucher: a client can check it signed it.
    expect(viewIn(required)?.signature).toMatch(/^0x[0-9a-f]{130}$/)
  })

  it('refuses an older voucher once a newer one was accepted (voucher_stale); reordered vouchers cost nothing', async () => {
    const id = await fresh()
    const [first, second] = [await voucher(callPrice, id), await voucher(2n * callPrice, id)]
    // The second arrives first: it pays for one call (the server charges the price, not the voucher's growth).
    await expectPaid(second, id)
    const required = await expectRefused(first, 'voucher_stale', id)
    expect(viewIn(required)).toMatchObject({ accepted: '2000', charged: '1000' })
    // Resent, the larger voucher covers the call the reordering left unpaid, and no more.
    await expectPaid(second, id)
    await expectRefused(second, 'voucher_insufficient', id)
  })

  it('refuses a voucher above the deposit (voucher_above_deposit) until a top-up, which one re-read picks up', async () => {
    const id = await fresh(2n * callPrice)
    await expectPaid(await voucher(callPrice, id), id)
    await expectPaid(await voucher(2n * callPrice, id), id)
    const above = await voucher(3n * callPrice, id)
    await expectRefused(above, 'voucher_above_deposit', id)
    await topUpChannel({
      publicClient: h.chain.publicClient,
      walletClient: payer.walletClient,
      contracts: h.contracts,
      channelId: id,
      amount: 50_000n,
    })
    await expectPaid(above, id)
    expect((await stateOf(id))!.deposit).toBe(2n * callPrice + 50_000n)
  })

  it('refuses a voucher signed for another chain, another contract or by another key (invalid_voucher_signature)', async () => {
    const next = await nextOf(channelId)
    await expectRefused(await voucher(next, channelId, payer.account, 1), 'invalid_voucher_signature')
    const otherContract = await privateKeyToAccount(generatePrivateKey()).signTypedData({
      domain: {
        name: 'Rightflow Channels',
        version: '1',
        chainId: h.chain.chainId,
        verifyingContract: h.contracts.agentWallets,
      },
      types: {
        Voucher: [
          { name: 'channelId', type: 'bytes32' },
          { name: 'cumulativeAmount', type: 'uint256' },
        ],
      },
      primaryType: 'Voucher',
      message: { channelId, cumulativeAmount: next },
    })
    await expectRefused(
      encodePaymentSignatureHeader({
        x402Version: 2,
        accepted: requirements,
        payload: { channelId, cumulativeAmount: next.toString(), signature: otherContract },
      }),
      'invalid_voucher_signature',
    )
    await expectRefused(
      await voucher(next, channelId, privateKeyToAccount(generatePrivateKey())),
      'invalid_voucher_signature',
    )
  })

  it('refuses a channel that pays someone else (channel_wrong_payee)', async () => {
    const other = await h.open(payer, h.contracts.escrow, deposit, royalty)
    await expectRefused(await voucher(callPrice, other), 'channel_wrong_payee', other)
  })

  it('refuses a channel without the route’s royalty, or with another share (channel_royalty_mismatch)', async () => {
    const none = await h.open(payer, site.payee.account.address, deposit, null)
    await expectRefused(await voucher(callPrice, none), 'channel_royalty_mismatch', none)
    const smaller = await h.open(payer, site.payee.account.address, deposit, { ...royalty, bps: 500 })
    await expectRefused(await voucher(callPrice, smaller), 'channel_royalty_mismatch', smaller)
  })

  it('refuses a channel that does not exist (channel_unknown)', async () => {
    const unknown = `0x${'ab'.repeat(32)}` as Hex
    await expectRefused(await voucher(callPrice, unknown), 'channel_unknown', unknown)
  })

  it('refuses requirements that are not the route’s (requirements_mismatch)', async () => {
    const next = await nextOf(channelId)
    for (const accepted of [
      { ...requirements, payTo: h.contracts.escrow },
      { ...requirements, amount: '1' },
      { ...requirements, extra: { ...requirements.extra, royalty: null } },
      { ...requirements, extra: { ...requirements.extra, channels: h.contracts.escrow } },
    ]) {
      const header = decodeHeader(await voucher(next))
      await expectRefused(encodePaymentSignatureHeader({ ...header, accepted }), 'requirements_mismatch')
    }
  })

  it('answers malformed payment headers 402 malformed_payment', async () => {
    const good = decodeHeader(await voucher(await nextOf(channelId)))
    const withPayload = (payload: Record<string, unknown>) =>
      encodePaymentSignatureHeader({ ...good, payload: { ...good.payload, ...payload } })
    for (const header of [
      'not base64!!',
      Buffer.from('{"x402Version":2').toString('base64'),
      Buffer.from(JSON.stringify({ x402Version: 2 })).toString('base64'),
      withPayload({ cumulativeAmount: '0100' }),
      withPayload({ cumulativeAmount: '-1000' }),
      withPayload({ cumulativeAmount: 1000 }),
      withPayload({ cumulativeAmount: `1${'0'.repeat(80)}` }),
      withPayload({ signature: '0x1234' }),
      withPayload({ channelId: '0x1234' }),
      withPayload({ extra: 'field' }),
    ])
      await expectRefused(header, 'malformed_payment')
  })

  it('refuses an expired exact authorization on the same route', async () => {
    const exactOnly = { x402Version: 2, resource: { url: url() }, accepts: [await exactRequirements()] }
    const header = await signPayment(payer.account, exactOnly, {
      authorization: { validBefore: String(Math.floor(Date.now() / 1000) - 60) },
    })
    const before = await h.balanceOf(payer.account.address)
    const response = await send(header)
    expect(response.status).toBe(402)
    expect(((await response.json()) as { code: string }).code).toMatch(/^invalid_exact_evm_/)
    expect(await h.balanceOf(payer.account.address)).toBe(before)
  })

  it('serves exactly one of 50 concurrent requests carrying the same voucher', async () => {
    const id = await fresh()
    const header = await voucher(callPrice, id)
    const served = site.served.count
    const responses = await Promise.all(Array.from({ length: 50 }, () => send(header)))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 402)).toHaveLength(49)
    const codes = new Set(
      await Promise.all(
        responses
          .filter((r) => r.status === 402)
          .map(async (r) => ((await r.json()) as { code: string }).code),
      ),
    )
    expect([...codes].every((c) => c === 'voucher_insufficient' || c === 'payment_in_flight')).toBe(true)
    expect(site.served.count).toBe(served + 1)
    expect((await stateOf(id))!.charged).toBe(callPrice)
  })

  it('undoes the charge of a call whose handler fails or throws; the same voucher then pays', async () => {
    const id = await fresh()
    await expectPaid(await voucher(callPrice, id), id)
    const header = await voucher(2n * callPrice, id)
    site.failNext(1)
    const failed = await send(header)
    expect(failed.status).toBe(500)
    const thrown = await send(header, '/v1/paid/thrown')
    expect(thrown.status).toBe(500)
    const after = (await stateOf(id))!
    expect(after.charged).toBe(callPrice)
    // The voucher is held, but a claim takes only what was served.
    expect(after.accepted!.amount).toBe(2n * callPrice)
    await expectPaid(header, id)
    expect((await stateOf(id))!.charged).toBe(2n * callPrice)
  })

  it('still refuses a spent voucher after a restart (the SQLite file reopened)', async () => {
    const id = await fresh()
    const header = await voucher(callPrice, id)
    await expectPaid(header, id)
    const restarted = await h.site({ royalty, databasePath: site.databasePath, payee: site.payee })
    const reopened = new SqliteChannelStore(site.databasePath)
    const response = await fetch(`${restarted.url}/v1/paid/report`, {
      headers: { 'payment-signature': header },
    })
    expect(response.status).toBe(402)
    expect(await response.json()).toMatchObject({ code: 'voucher_insufficient' })
    expect(restarted.served.count).toBe(0)
    await reopened.close()
    await restarted.close()
  })

  it('refuses a channel whose payer asked to close (channel_closing), once the claimer has seen it', async () => {
    const closing = await fresh()
    await expectPaid(await voucher(callPrice, closing), closing)
    await requestChannelClose({
      publicClient: h.chain.publicClient,
      walletClient: payer.walletClient,
      contracts: h.contracts,
      channelId: closing,
    })
    await site.claimer.tick()
    await expectRefused(await voucher(2n * callPrice, closing), 'channel_closing', closing)
  })

  it('is never verified or settled by the facilitator: only the resource server holds what a voucher is checked against', async () => {
    const payload = decodeHeader(await voucher(await nextOf(channelId)))
    const post = (path: string) =>
      fetch(`${h.facilitatorUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ x402Version: 2, paymentPayload: payload, paymentRequirements: requirements }),
      }).then((r) => r.json())
    expect(await post('/verify')).toMatchObject({
      isValid: false,
      invalidReason: 'channel_checked_by_resource_server',
    })
    expect(await post('/settle')).toMatchObject({
      success: false,
      errorReason: 'channel_checked_by_resource_server',
    })
  })

  async function exactRequirements(): Promise<PaymentRequirements> {
    const response = await fetch(url())
    return decodePaymentRequiredHeader(response.headers.get('payment-required')!).accepts.find(
      (r) => r.scheme === 'exact',
    )!
  }
})

function decodeHeader(header: string) {
  return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {
    x402Version: number
    accepted: PaymentRequirements
    payload: Record<string, unknown>
  }
}
