import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cancelStream, openStream, readStream, topUpStream, withdrawFromStream } from '../../src/index.js'
import { expectRevert, type PaymentsChain, startPaymentsChain } from '../support/paymentsChain.js'
import { type Actor, usd } from '../support/rightsChain.js'

/** 100 units a second: $0.36 an hour. */
const rate = 100n

let chain: PaymentsChain
let sender: Actor
let recipient: Actor

beforeAll(async () => {
  chain = await startPaymentsChain()
  sender = await chain.actor(100)
  recipient = await chain.actor(0)
})

afterAll(async () => {
  await chain?.stop()
})

const clients = (actor: Actor) => ({
  publicClient: chain.publicClient,
  walletClient: actor.walletClient,
  contracts: chain.payments,
})
const open = (deposit = usd(1)) =>
  openStream({ ...clients(sender), recipient: recipient.account.address, ratePerSecond: rate, deposit })

describe('a payment stream', () => {
  it('accrues per second; the recipient withdraws exactly what accrued by the block of the withdrawal', async () => {
    const senderBefore = await chain.balance(sender.account.address)
    const opened = await open(usd(1))
    expect(opened.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    const start = await chain.minedAt(opened.txHash)
    expect(await chain.balance(sender.account.address)).toBe(senderBefore - usd(1))
    expect(await readStream({ ...clients(sender), streamId: opened.streamId })).toMatchObject({
      streamId: opened.streamId,
      sender: sender.account.address,
      recipient: recipient.account.address,
      ratePerSecond: rate,
      deposit: usd(1),
      withdrawn: 0n,
      start,
      depletesAt: start + 10_000,
      cancelled: false,
    })

    await chain.travel(1_000)
    const now = await chain.now()
    expect((await readStream({ ...clients(sender), streamId: opened.streamId }))!.withdrawable).toBe(
      rate * BigInt(now - start),
    )

    const before = await chain.balance(recipient.account.address)
    const withdrawn = await withdrawFromStream({ ...clients(recipient), streamId: opened.streamId })
    const at = await chain.minedAt(withdrawn.txHash)
    expect(withdrawn.amount).toBe(rate * BigInt(at - start))
    expect(await chain.balance(recipient.account.address)).toBe(before + withdrawn.amount)

    await chain.travel(100)
    const part = await withdrawFromStream({
      ...clients(recipient),
      streamId: opened.streamId,
      amount: 5_000n,
    })
    expect(part.amount).toBe(5_000n)
    expect((await readStream({ ...clients(sender), streamId: opened.streamId }))!.withdrawn).toBe(
      withdrawn.amount + 5_000n,
    )
  })

  it('cancels with an exact split: the recipient what accrued, the sender the rest', async () => {
    const opened = await open(usd(1))
    const start = await chain.minedAt(opened.txHash)
    await chain.travel(500)
    const first = await withdrawFromStream({ ...clients(recipient), streamId: opened.streamId })
    await chain.travel(250)
    const [senderBefore, recipientBefore] = await Promise.all([
      chain.balance(sender.account.address),
      chain.balance(recipient.account.address),
    ])
    const cancelled = await cancelStream({ ...clients(sender), streamId: opened.streamId })
    const accrued = rate * BigInt((await chain.minedAt(cancelled.txHash)) - start)
    expect(cancelled.toRecipient).toBe(accrued - first.amount)
    expect(cancelled.refunded).toBe(usd(1) - accrued)
    expect(await chain.balance(recipient.account.address)).toBe(recipientBefore + accrued - first.amount)
    expect(await chain.balance(sender.account.address)).toBe(senderBefore + usd(1) - accrued)
    expect(await readStream({ ...clients(sender), streamId: opened.streamId })).toMatchObject({
      cancelled: true,
      deposit: accrued,
      withdrawn: accrued,
      withdrawable: 0n,
    })
    await expectRevert(
      withdrawFromStream({ ...clients(recipient), streamId: opened.streamId }),
      'stream_cancelled',
      [opened.streamId],
    )
  })

  it('runs dry at depletesAt; a top-up makes what accrued since withdrawable and runs longer', async () => {
    const opened = await open(50_000n) // 500 seconds
    const start = await chain.minedAt(opened.txHash)
    await chain.travel(1_000)
    expect(await readStream({ ...clients(sender), streamId: opened.streamId })).toMatchObject({
      withdrawable: 50_000n,
      depletesAt: start + 500,
    })
    const all = await withdrawFromStream({ ...clients(recipient), streamId: opened.streamId })
    expect(all.amount).toBe(50_000n)
    await expectRevert(
      withdrawFromStream({ ...clients(recipient), streamId: opened.streamId }),
      'zero_amount',
    )

    const topped = await topUpStream({ ...clients(sender), streamId: opened.streamId, amount: 200_000n })
    expect(topped.deposit).toBe(250_000n)
    const stream = (await readStream({ ...clients(sender), streamId: opened.streamId }))!
    expect(stream.depletesAt).toBe(start + 2_500)
    expect(stream.withdrawable).toBe(rate * BigInt((await chain.now()) - start) - 50_000n)
  })

  it('refuses strangers, amounts above what accrued, and reads an unknown id as undefined', async () => {
    const opened = await open(usd(1))
    const stranger = await chain.actor(0)
    await expectRevert(
      withdrawFromStream({ ...clients(stranger), streamId: opened.streamId }),
      'not_recipient',
      [opened.streamId, stranger.account.address],
    )
    await expectRevert(cancelStream({ ...clients(stranger), streamId: opened.streamId }), 'not_party')
    await expectRevert(
      topUpStream({ ...clients(recipient), streamId: opened.streamId, amount: 1n }),
      'not_sender',
    )
    const error = await expectRevert(
      withdrawFromStream({ ...clients(recipient), streamId: opened.streamId, amount: usd(1) }),
      'over_withdrawable',
    )
    expect(error.args[0]).toBe(usd(1))
    expect(await readStream({ ...clients(sender), streamId: 10_000n })).toBeUndefined()
    await expectRevert(open(0n), 'zero_amount')
  })
})
