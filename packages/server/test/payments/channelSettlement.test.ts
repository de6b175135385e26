import {
  type ChannelRoyalty,
  createPayingFetch,
  defaultChallengePeriod,
  paymentChannelsAbi,
  readPaymentResponse,
  requestChannelClose,
  withdrawChannel,
} from '@rightflow/sdk'
import { type Address, type Hex, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from './channelHarness.js'

describe('channel settlement: one open, no transaction per call, batched claims', () => {
  let h: ChannelHarness
  let royalty: ChannelRoyalty
  let vault: Address

  beforeAll(async () => {
    h = await startChannelHarness()
    const asset = await h.newAsset()
    royalty = { assetId: asset.assetId, bps: 1_000 }
    vault = asset.vault
  })
  afterAll(() => h?.stop())

  const payingFetch = (payer: Actor, deposit: bigint) =>
    createPayingFetch({
      account: payer.account,
      network: h.network,
      maxAmountPerRequest: callPrice,
      allowedAssets: [h.token],
      channel: {
        publicClient: h.chain.publicClient,
        walletClient: payer.walletClient,
        channels: h.contracts.paymentChannels,
        deposit,
      },
    })
  const nonceOf = (address: Address) => h.chain.publicClient.getTransactionCount({ address })
  const channelOf = (site: ChannelSite, payer: Actor) =>
    site.store
      .listOpen({
        network: h.network,
        channels: h.contracts.paymentChannels,
        payee: site.payee.account.address,
      })
      .then((open) => open.find((c) => c.payer === payer.account.address.toLowerCase())!)

  it('1,000 paid calls cost one open and one claim; payee + royalty vault + refund equal the deposit', async () => {
    const site = await h.site({ royalty })
    const payer = await h.actor(10)
    const deposit = 2_000_000n
    const pay = payingFetch(payer, deposit)
    const before = {
      payer: await h.balanceOf(payer.account.address),
      payee: await h.balanceOf(site.payee.account.address),
      vault: await h.balanceOf(vault),
    }

    const first = await pay(`${site.url}/v1/paid/report`)
    expect(first.status).toBe(200)
    // Opening took an approval and the open; nothing else is sent for the calls that follow.
    expect(await nonceOf(payer.account.address)).toBe(2)
    for (let i = 1; i < 1_000; i++) {
      const response = await pay(`${site.url}/v1/paid/report`)
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    }
    const receipt = readPaymentResponse(await pay.call(undefined, `${site.url}/v1/free/report`))
    expect(receipt).toBeUndefined()
    expect(site.served.count).toBe(1_001)
    expect(await nonceOf(payer.account.address)).toBe(2)
    expect(await nonceOf(site.payee.account.address)).toBe(0)
    const channel = await channelOf(site, payer)
    expect(channel).toMatchObject({ charged: 1_000n * callPrice, accepted: { amount: 1_000n * callPrice } })

    const report = await site.claimer.tick({ all: true })
    expect(report).toMatchObject({ channels: 1, total: 1_000n * callPrice })
    expect(report.transactions).toHaveLength(1)
    expect(await nonceOf(site.payee.account.address)).toBe(1)
    expect((await channelOf(site, payer)).claimed).toBe(1_000n * callPrice)

    // The payer leaves without the payee: after the challenge period the rest comes back.
    await requestChannelClose({ ...clients(payer), contracts: h.contracts, channelId: channel.channelId })
    await h.advance(defaultChallengePeriod + 1)
    await withdrawChannel({ ...clients(payer), contracts: h.contracts, channelId: channel.channelId })
    const gained = {
      payee: (await h.balanceOf(site.payee.account.address)) - before.payee,
      vault: (await h.balanceOf(vault)) - before.vault,
      refund: (await h.balanceOf(payer.account.address)) - (before.payer - deposit),
    }
    expect(gained).toEqual({ payee: 900_000n, vault: 100_000n, refund: 1_000_000n })
    expect(gained.payee + gained.vault + gained.refund).toBe(deposit)
  })

  it('claims several channels in one transaction', async () => {
    const site = await h.site({ royalty })
    const payers = [await h.actor(10), await h.actor(10), await h.actor(10)]
    for (const [i, payer] of payers.entries()) {
      const pay = payingFetch(payer, 100_000n)
      for (let n = 0; n <= i; n++) expect((await pay(`${site.url}/v1/paid/report`)).status).toBe(200)
    }
    const report = await site.claimer.tick({ all: true })
    expect(report).toMatchObject({ channels: 3, total: 6n * callPrice })
    expect(report.transactions).toHaveLength(1)
    const receipt = await h.chain.publicClient.getTransactionReceipt({ hash: report.transactions[0]! })
    const claimed = parseEventLogs({
      abi: paymentChannelsAbi,
      logs: receipt.logs,
      eventName: 'ChannelClaimed',
    })
    expect(claimed.map((e) => e.args.amount).sort()).toEqual([1_000n, 2_000n, 3_000n])
    expect(await h.balanceOf(site.payee.account.address)).toBe((6n * callPrice * 9n) / 10n)
    // Nothing is left to claim: the next round sends nothing.
    expect(await site.claimer.tick({ all: true })).toMatchObject({ channels: 0, transactions: [] })
  })

  it('claims at once when the payer asks to close, before the challenge period ends', async () => {
    const site = await h.site({ royalty })
    const payer = await h.actor(10)
    const pay = payingFetch(payer, 100_000n)
    for (let i = 0; i < 5; i++) expect((await pay(`${site.url}/v1/paid/report`)).status).toBe(200)
    // Far below the thresholds: nothing is due yet.
    expect(await site.claimer.tick()).toMatchObject({ channels: 0 })
    const { channelId } = await channelOf(site, payer)
    const { challengeEndsAt } = await requestChannelClose({
      ...clients(payer),
      contracts: h.contracts,
      channelId,
    })
    const report = await site.claimer.tick()
    expect(report).toMatchObject({ channels: 1, total: 5n * callPrice })
    const block = await h.chain.publicClient.getBlock()
    expect(Number(block.timestamp)).toBeLessThan(challengeEndsAt)
    await h.advance(defaultChallengePeriod + 1)
    const { refunded } = await withdrawChannel({ ...clients(payer), contracts: h.contracts, channelId })
    expect(refunded).toBe(100_000n - 5n * callPrice)
    expect(await h.balanceOf(site.payee.account.address)).toBe((5n * callPrice * 9n) / 10n)
  })

  it('claims a channel once its unclaimed amount or the age of its oldest charge crosses a threshold', async () => {
    const site = await h.site({ royalty })
    const payer = await h.actor(10)
    const pay = payingFetch(payer, 100_000n)
    for (let i = 0; i < 3; i++) expect((await pay(`${site.url}/v1/paid/report`)).status).toBe(200)
    let clock = Date.now()
    const claimer = (minUnclaimed: bigint, maxAgeMs: number) =>
      site.claimerWith({ minUnclaimed, maxAgeMs, now: () => clock })
    expect(await claimer(4n * callPrice, 60_000).tick()).toMatchObject({ channels: 0 })
    expect(await claimer(3n * callPrice, 60_000).tick()).toMatchObject({ channels: 1, total: 3n * callPrice })
    expect((await pay(`${site.url}/v1/paid/report`)).status).toBe(200)
    expect(await claimer(10n ** 30n, 60_000).tick()).toMatchObject({ channels: 0 })
    clock += 61_000
    expect(await claimer(10n ** 30n, 60_000).tick()).toMatchObject({ channels: 1, total: callPrice })
  })

  it('skips a channel that can no longer be claimed and claims the rest of the batch', async () => {
    const site = await h.site({ royalty })
    const [a, b] = [await h.actor(10), await h.actor(10)]
    for (const payer of [a, b])
      expect((await payingFetch(payer, 100_000n)(`${site.url}/v1/paid/report`)).status).toBe(200)
    // a's channel closes without the claimer noticing (no tick in between).
    const closed = (await channelOf(site, a)).channelId as Hex
    await requestChannelClose({ ...clients(a), contracts: h.contracts, channelId: closed })
    await h.advance(defaultChallengePeriod + 1)
    await withdrawChannel({ ...clients(a), contracts: h.contracts, channelId: closed })
    // Seen through the events first: the closed channel is dropped before any claim is attempted.
    const report = await site.claimer.tick({ all: true })
    expect(report).toMatchObject({ channels: 1, total: callPrice })
  })

  const clients = (actor: Actor) => ({ publicClient: h.chain.publicClient, walletClient: actor.walletClient })
})
