import { defaultChallengePeriod, readChannel, requestChannelClose, withdrawChannel } from '@rightflow/sdk'
import type { PaymentRequirements } from '@x402/core/types'
import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from './channelHarness.js'

// Issue 11, item 5 ("paid calls for free"): a payer opened a channel and sent one voucher for the whole deposit
// with every request. All were served, but the server held no voucher at or below what it had charged, so it
// claimed nothing, and after the challenge period the payer withdrew the whole deposit. What the server serves,
// it collects: claimed on chain == charged, whatever vouchers the payer sends.
describe('paid calls for free: a payer who over-signs its vouchers still pays exactly what it was served', () => {
  let h: ChannelHarness
  const deposit = 1_000_000n

  beforeAll(async () => {
    h = await startChannelHarness()
  })
  afterAll(() => h?.stop())

  const clients = (actor: Actor) => ({
    publicClient: h.chain.publicClient,
    walletClient: actor.walletClient,
    contracts: h.contracts,
  })
  const pay = (site: ChannelSite, header: string) =>
    fetch(`${site.url}/v1/paid/report`, { headers: { 'payment-signature': header } })
  const serve = async (
    site: ChannelSite,
    requirements: PaymentRequirements,
    payer: Actor,
    channelId: Hex,
    voucher: (call: number) => bigint,
    calls: number,
  ) => {
    for (let call = 1; call <= calls; call++) {
      const response = await pay(
        site,
        await h.voucherHeader(requirements, payer.account, channelId, voucher(call)),
      )
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    }
  }
  const chargedOn = async (site: ChannelSite, channelId: Hex) =>
    (await site.store.getChannel({ network: h.network, channels: h.contracts.paymentChannels, channelId }))!
      .charged
  const claimedOnChain = async (channelId: Hex) =>
    (await readChannel({ publicClient: h.chain.publicClient, contracts: h.contracts, channelId }))?.claimed
  /** The payer leaves without the payee: it asks to close, waits out the challenge period and withdraws. */
  const leave = async (payer: Actor, channelId: Hex) => {
    await h.advance(defaultChallengePeriod + 1)
    const { refunded } = await withdrawChannel({ ...clients(payer), channelId })
    return refunded
  }

  it('one whole-deposit voucher replayed on 50 requests, then a close request: 50 calls claimed at once, the rest refunded', async () => {
    const site = await h.site()
    const requirements = await site.requirements()
    const payer = await h.actor(10)
    const channelId = await h.open(payer, site.payee.account.address, deposit)
    await serve(site, requirements, payer, channelId, () => deposit, 50)
    expect(site.served.count).toBe(50)
    expect(await chargedOn(site, channelId)).toBe(50n * callPrice)

    await requestChannelClose({ ...clients(payer), channelId })
    const report = await site.claimer.tick()
    expect(report).toMatchObject({ channels: 1, total: 50n * callPrice })
    expect(await claimedOnChain(channelId)).toBe(50n * callPrice)
    expect(await leave(payer, channelId)).toBe(deposit - 50n * callPrice)
    expect(await h.balanceOf(site.payee.account.address)).toBe(50n * callPrice)
  })

  it('vouchers far above the charge, some calls failing: the claimer claims what was charged, by threshold and by age', async () => {
    const site = await h.site()
    const requirements = await site.requirements()
    const payer = await h.actor(10)
    const channelId = await h.open(payer, site.payee.account.address, deposit)
    let clock = Date.now()
    const claimer = (minUnclaimed: bigint, maxAgeMs: number) =>
      site.claimerWith({ minUnclaimed, maxAgeMs, now: () => clock })
    // Each voucher is a hundred calls ahead of what was served.
    await serve(site, requirements, payer, channelId, (call) => BigInt(call + 100) * callPrice, 10)
    site.failNext(2) // two calls fail: their charges are undone, and must not be claimed
    for (let i = 0; i < 2; i++) {
      const failed = await pay(
        site,
        await h.voucherHeader(requirements, payer.account, channelId, 500n * callPrice),
      )
      expect(failed.status).toBe(500)
    }
    expect(await chargedOn(site, channelId)).toBe(10n * callPrice)
    expect(await claimer(11n * callPrice, 60_000).tick()).toMatchObject({ channels: 0 })
    expect(await claimer(10n * callPrice, 60_000).tick()).toMatchObject({
      channels: 1,
      total: 10n * callPrice,
    })
    expect(await claimedOnChain(channelId)).toBe(10n * callPrice)

    await serve(site, requirements, payer, channelId, () => 900n * callPrice, 3)
    expect(await claimer(10n ** 30n, 60_000).tick()).toMatchObject({ channels: 0 })
    clock += 61_000
    expect(await claimer(10n ** 30n, 60_000).tick()).toMatchObject({ channels: 1, total: 3n * callPrice })
    expect(await claimedOnChain(channelId)).toBe(await chargedOn(site, channelId))
  })

  it('a server restarted between serving and claiming claims what it served before, at the close request', async () => {
    const before = await h.site()
    const requirements = await before.requirements()
    const payer = await h.actor(10)
    const channelId = await h.open(payer, before.payee.account.address, deposit)
    await serve(before, requirements, payer, channelId, () => deposit, 20)
    await before.close()

    const after = await h.site({ databasePath: before.databasePath, payee: before.payee })
    expect(await after.claimer.tick()).toMatchObject({ channels: 0 }) // first run: reads the chain, nothing due
    await requestChannelClose({ ...clients(payer), channelId })
    expect(await after.claimer.tick()).toMatchObject({ channels: 1, total: 20n * callPrice })
    expect(await claimedOnChain(channelId)).toBe(20n * callPrice)
    expect(await leave(payer, channelId)).toBe(deposit - 20n * callPrice)
  })
})
