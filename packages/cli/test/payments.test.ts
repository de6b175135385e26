import { type Hex, parseUsd, readStream } from '@rightflow/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChannelJson, claimAsBuyer, type PaymentsCli, startPaymentsCli } from './paymentsHarness.js'
import { expectOneLineError } from './rightsHarness.js'

let p: PaymentsCli

beforeAll(async () => {
  p = await startPaymentsCli()
})
afterAll(() => p.stop())

const usd = parseUsd
const day = 86_400
const claim = (channelId: Hex, amount: bigint, signerKey: string) =>
  claimAsBuyer(p, channelId, amount, signerKey)

describe('rightflow channel', () => {
  let opened: ChannelJson

  it('opens a channel and shows its deposit, what was claimed and what remains', async () => {
    const before = await p.usdOf(p.creator)
    opened = await p.json<ChannelJson>('channel', 'open', 'buyer', '--deposit', '5')
    expect(opened).toMatchObject({ deposit: String(usd('5')), claimed: '0', state: 'open' })
    expect(await p.usdOf(p.creator)).toBe(before - usd('5'))
    await claim(opened.channelId, usd('2'), 'default')

    const status = await p.cli('channel', 'status', opened.channelId)
    expect(status.stdout).toMatch(/deposit\s+5\.00 USD/)
    expect(status.stdout).toMatch(/claimed\s+2\.00 USD/)
    expect(status.stdout).toMatch(/remaining\s+3\.00 USD/)
    expect(status.stdout).toMatch(/state\s+open/)
  })

  it('closes through the challenge period: refused during it, an exact refund after it', async () => {
    const requested = await p.json<{ step: string; challengeEndsAt: number }>(
      'channel',
      'close',
      opened.channelId,
    )
    expect(requested.step).toBe('requested')
    const closing = await p.cli('channel', 'status', opened.channelId)
    expect(closing.stdout).toMatch(/state\s+closing: the payee may claim until \d{4}-/)
    expect(closing.stdout).toMatch(/challenge ends\s+\d{4}-\d\d-\d\dT/)
    const early = await p.cli('channel', 'close', opened.channelId)
    expectOneLineError(
      early,
      /the challenge period of channel 0x[0-9a-f]{64} runs until .*: the payee may still claim/,
    )
    expect((await p.cli('channel', 'close', opened.channelId, '--json')).json()).toMatchObject({
      error: { code: 'challenge_period_active' },
    })

    await p.travel(day)
    const afterClaims = await p.usdOf(p.creator)
    const closed = await p.json<{ step: string; refunded: string }>('channel', 'close', opened.channelId)
    expect(closed).toMatchObject({ step: 'withdrawn', refunded: String(usd('3')) })
    expect(await p.usdOf(p.creator)).toBe(afterClaims + usd('3'))
    expect((await p.cli('channel', 'status', opened.channelId)).stdout).toMatch(/state\s+closed/)
    expectOneLineError(await p.cli('channel', 'close', opened.channelId), /is already closed/)
    expectOneLineError(await p.cli('channel', 'status', `0x${'12'.repeat(32)}`), /there is no channel 0x1212/)
  })
})

describe('rightflow channel with a royalty route', () => {
  it('names the asset whose vault gets its share of every claim', async () => {
    const work = await p.registered('track.wav', 'a track paid per use through a channel')
    await p.json('asset', 'create', 'track.wav')
    const opened = await p.json<ChannelJson & { royalty: { assetId: Hex; bps: number } }>(
      'channel',
      'open',
      'buyer',
      '--deposit',
      '2',
      '--royalty-asset',
      work,
      '--royalty-share',
      '12.5',
    )
    expect(opened.royalty).toEqual({ assetId: work, bps: 1_250 })
    await claim(opened.channelId, usd('1'), 'default')
    expect((await p.royaltiesOf(work, p.creator)).received).toBe(usd('0.125'))
    const status = await p.cli('channel', 'status', opened.channelId)
    expect(status.stdout).toMatch(new RegExp(`royalty\\s+12\\.5% to asset ${work}`))
    expectOneLineError(
      await p.cli('channel', 'open', 'buyer', '--deposit', '1', '--royalty-asset', work),
      /--royalty-asset and --royalty-share go together/,
    )
  })
})

describe('rightflow stream', () => {
  it('streams per second, pays the recipient what accrued, and cancels with an exact refund', async () => {
    const opened = await p.json<{
      streamId: string
      ratePerSecond: string
      depletesAt: number
      start: number
      txHash: Hex
    }>('stream', 'open', 'buyer', '--rate', '0.36/h', '--deposit', '1')
    expect(opened).toMatchObject({ ratePerSecond: '100', depletesAt: opened.start + 10_000 })
    const streamId = BigInt(opened.streamId)
    await p.travel(1_000)

    const buyerBefore = await p.usdOf(p.buyer)
    const withdrawn = await p.json<{ amount: string; txHash: Hex }>(
      'stream',
      'withdraw',
      opened.streamId,
      '--key',
      'buyer',
    )
    const accruedAtWithdraw = 100n * BigInt((await p.minedAt(withdrawn.txHash)) - opened.start)
    expect(BigInt(withdrawn.amount)).toBe(accruedAtWithdraw)
    expect(await p.usdOf(p.buyer)).toBe(buyerBefore + accruedAtWithdraw)

    const status = await p.cli('stream', 'status', opened.streamId)
    expect(status.stdout).toMatch(/rate\s+0\.36 USD\/h \(0\.0001 USD\/s\)/)
    expect(status.stdout).toMatch(/state\s+flowing/)

    await p.travel(500)
    const [creatorBefore, buyerMid] = [await p.usdOf(p.creator), await p.usdOf(p.buyer)]
    const cancelled = await p.json<{ toRecipient: string; refunded: string; txHash: Hex }>(
      'stream',
      'cancel',
      opened.streamId,
    )
    const accrued = 100n * BigInt((await p.minedAt(cancelled.txHash)) - opened.start)
    expect(BigInt(cancelled.toRecipient)).toBe(accrued - accruedAtWithdraw)
    expect(BigInt(cancelled.refunded)).toBe(usd('1') - accrued)
    expect(await p.usdOf(p.creator)).toBe(creatorBefore + usd('1') - accrued)
    expect(await p.usdOf(p.buyer)).toBe(buyerMid + accrued - accruedAtWithdraw)
    expect(
      await readStream({ publicClient: p.h.chain.publicClient, contracts: p.payments, streamId }),
    ).toMatchObject({
      cancelled: true,
      withdrawn: accrued,
    })
    expect((await p.cli('stream', 'status', opened.streamId)).stdout).toMatch(/state\s+cancelled/)
  })

  it('refuses a rate that is not whole token units a second, naming the nearest that are', async () => {
    expectOneLineError(
      await p.cli('stream', 'open', 'buyer', '--rate', '1/h', '--deposit', '1'),
      /--rate 1\/h is not a whole number of token units .* use 0\.9972\/h or 1\.0008\/h/,
    )
    expectOneLineError(
      await p.cli('stream', 'withdraw', '1', '--key', 'default'),
      /only the recipient of stream 1 can withdraw from it/,
    )
  })
})

describe('rightflow escrow', () => {
  it('locks dollars, releases part, refuses a refund before the deadline and refunds the rest after it', async () => {
    const before = await p.usdOf(p.creator)
    const created = await p.json<{ escrowId: string; amount: string; remaining: string }>(
      'escrow',
      'create',
      'buyer',
      '10',
      '--deadline',
      '1h',
    )
    expect(created).toMatchObject({ amount: String(usd('10')), remaining: String(usd('10')) })
    expect(await p.usdOf(p.creator)).toBe(before - usd('10'))

    const buyerBefore = await p.usdOf(p.buyer)
    const released = await p.cli('escrow', 'release', created.escrowId, '4')
    expect(released.stdout).toContain(
      `Released 4.00 USD of escrow ${created.escrowId} to ${p.buyer}; 6.00 USD left`,
    )
    expect(await p.usdOf(p.buyer)).toBe(buyerBefore + usd('4'))
    const status = await p.cli('escrow', 'status', created.escrowId)
    expect(status.stdout).toMatch(/released\s+4\.00 USD/)
    expect(status.stdout).toMatch(/remaining\s+6\.00 USD/)
    expectOneLineError(
      await p.cli('escrow', 'refund', created.escrowId),
      /can be refunded from .*, not before/,
    )

    await p.travel(3_600)
    expectOneLineError(
      await p.cli('escrow', 'release', created.escrowId),
      /the deadline of escrow .* passed at/,
    )
    const creatorBefore = await p.usdOf(p.creator)
    const refunded = await p.json<{ refunded: string }>(
      'escrow',
      'refund',
      created.escrowId,
      '--key',
      'buyer',
    )
    expect(refunded.refunded).toBe(String(usd('6')))
    expect(await p.usdOf(p.creator)).toBe(creatorBefore + usd('6'))
    expect((await p.cli('escrow', 'status', created.escrowId)).stdout).toMatch(/state\s+refunded/)
    expectOneLineError(await p.cli('escrow', 'refund', created.escrowId), /was already refunded/)
  })
})
