import { type Hex, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  channelIdOf,
  claimChannels,
  closeChannelWithVoucher,
  InvalidRoyaltyShareError,
  openChannel,
  paymentChannelsAbi,
  readChannel,
  readRoyalties,
  requestChannelClose,
  signVoucher,
  topUpChannel,
  voucherDigest,
  withdrawChannel,
} from '../../src/index.js'
import { expectRevert, failure, type PaymentsChain, startPaymentsChain } from '../support/paymentsChain.js'
import { type Actor, usd } from '../support/rightsChain.js'

let chain: PaymentsChain
let payer: Actor
let payee: Actor

beforeAll(async () => {
  chain = await startPaymentsChain()
  payer = await chain.actor(100)
  payee = await chain.actor(0)
})

afterAll(async () => {
  await chain?.stop()
})

const clients = (actor: Actor) => ({
  publicClient: chain.publicClient,
  walletClient: actor.walletClient,
  contracts: chain.payments,
})
const domain = () => ({ chainId: chain.chainId, channels: chain.payments.paymentChannels })
const voucher = (channelId: Hex, cumulativeAmount: bigint, signer: Actor = payer) =>
  signVoucher({ account: signer.account, domain: domain(), voucher: { channelId, cumulativeAmount } })
const claim = async (channelId: Hex, cumulativeAmount: bigint, signer: Actor = payer) => ({
  channelId,
  cumulativeAmount,
  signature: await voucher(channelId, cumulativeAmount, signer),
})
const open = (deposit: bigint, extra: Partial<Parameters<typeof openChannel>[0]> = {}) =>
  openChannel({ ...clients(payer), payee: payee.account.address, deposit, ...extra })

describe('a payment channel', () => {
  it('opens with an exact approval, under the id the contract computes', async () => {
    const salt = keccak256(toHex('first channel'))
    const before = await chain.balance(payer.account.address)
    const opened = await open(usd(10), { salt })
    expect(opened.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(opened.channelId).toBe(
      channelIdOf({
        payer: payer.account.address,
        payee: payee.account.address,
        voucherSigner: payer.account.address,
        salt,
      }),
    )
    const onChain = await chain.publicClient.readContract({
      address: chain.payments.paymentChannels,
      abi: paymentChannelsAbi,
      functionName: 'channelIdOf',
      args: [payer.account.address, payee.account.address, payer.account.address, salt],
    })
    expect(opened.channelId).toBe(onChain)
    expect(await chain.balance(payer.account.address)).toBe(before - usd(10))
    expect(await chain.balance(chain.payments.paymentChannels)).toBe(usd(10))
    expect(await readChannel({ ...clients(payer), channelId: opened.channelId })).toEqual({
      channelId: opened.channelId,
      payer: payer.account.address,
      payee: payee.account.address,
      voucherSigner: payer.account.address,
      deposit: usd(10),
      claimed: 0n,
      remaining: usd(10),
      royalty: undefined,
      state: 'open',
      closeRequestedAt: 0,
      challengeEndsAt: undefined,
    })
  })

  it('signs vouchers whose digest is the contract’s voucherDigest', async () => {
    const { channelId } = await open(usd(1))
    for (const cumulativeAmount of [1n, usd(0.5), 2n ** 200n]) {
      const onChain = await chain.publicClient.readContract({
        address: chain.payments.paymentChannels,
        abi: paymentChannelsAbi,
        functionName: 'voucherDigest',
        args: [channelId, cumulativeAmount],
      })
      expect(voucherDigest({ channelId, cumulativeAmount }, domain())).toBe(onChain)
    }
  })

  it('pays the payee once for a batch of channels; older vouchers pay nothing', async () => {
    const a = await open(usd(5))
    const b = await open(usd(5))
    const before = await chain.balance(payee.account.address)
    const first = await claimChannels({
      ...clients(payee),
      claims: [await claim(a.channelId, usd(1.25)), await claim(b.channelId, usd(0.75))],
    })
    expect(first).toMatchObject({ total: usd(2), royalties: 0n })
    expect(await chain.balance(payee.account.address)).toBe(before + usd(2))

    const replay = await claimChannels({
      ...clients(payee),
      claims: [await claim(a.channelId, usd(1)), await claim(b.channelId, usd(1))],
    })
    expect(replay.total).toBe(usd(0.25)) // only b's voucher moved past what was claimed
    expect(await readChannel({ ...clients(payee), channelId: a.channelId })).toMatchObject({
      claimed: usd(1.25),
      remaining: usd(3.75),
    })
  })

  it('claims a chosen total under a larger voucher, and refuses a total above the voucher', async () => {
    const { channelId } = await open(usd(4))
    const whole = await claim(channelId, usd(4))
    const first = await claimChannels({ ...clients(payee), claims: [{ ...whole, claimTotal: usd(0.5) }] })
    expect(first.total).toBe(usd(0.5))
    const again = await claimChannels({ ...clients(payee), claims: [{ ...whole, claimTotal: usd(1.25) }] })
    expect(again.total).toBe(usd(0.75)) // the same voucher, the next charges
    const replay = await claimChannels({ ...clients(payee), claims: [{ ...whole, claimTotal: usd(1.25) }] })
    expect(replay.total).toBe(0n)
    await expectRevert(
      claimChannels({
        ...clients(payee),
        claims: [{ ...(await claim(channelId, usd(2))), claimTotal: usd(3) }],
      }),
      'claim_above_voucher',
    )
    const payerBefore = await chain.balance(payer.account.address)
    const closed = await closeChannelWithVoucher({ ...clients(payee), ...whole, claimTotal: usd(1.5) })
    expect(closed).toMatchObject({ claimed: usd(0.25), refunded: usd(2.5) })
    expect(await chain.balance(payer.account.address)).toBe(payerBefore + usd(2.5))
  })

  it('closes cooperatively: the final voucher pays the payee and the rest goes back at once', async () => {
    const { channelId } = await open(usd(6))
    await claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(1))] })
    const [payerBefore, payeeBefore] = await Promise.all([
      chain.balance(payer.account.address),
      chain.balance(payee.account.address),
    ])
    const final = await claim(channelId, usd(2.5))
    const closed = await closeChannelWithVoucher({ ...clients(payee), ...final })
    expect(closed).toMatchObject({ claimed: usd(1.5), refunded: usd(3.5) })
    expect(await chain.balance(payee.account.address)).toBe(payeeBefore + usd(1.5))
    expect(await chain.balance(payer.account.address)).toBe(payerBefore + usd(3.5))
    expect(await readChannel({ ...clients(payer), channelId })).toMatchObject({
      state: 'closed',
      claimed: usd(2.5),
    })
    await expectRevert(
      claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(3))] }),
      'channel_closed',
    )
  })

  it('tops up; the payer’s top-up cancels a pending close', async () => {
    const { channelId } = await open(usd(1))
    await requestChannelClose({ ...clients(payer), channelId })
    expect((await readChannel({ ...clients(payer), channelId }))!.state).toBe('closing')
    const topped = await topUpChannel({ ...clients(payer), channelId, amount: usd(2) })
    expect(topped.deposit).toBe(usd(3))
    expect(await readChannel({ ...clients(payer), channelId })).toMatchObject({
      deposit: usd(3),
      state: 'open',
      closeRequestedAt: 0,
    })
  })
})

describe('leaving a channel without the payee', () => {
  it('refunds exactly what was not claimed once the challenge period is over; the payee claims meanwhile', async () => {
    const { channelId } = await open(usd(4))
    const requested = await requestChannelClose({ ...clients(payer), channelId })
    const requestedAt = await chain.minedAt(requested.txHash)
    expect(requested.challengeEndsAt).toBe(requestedAt + 86_400)
    expect(await readChannel({ ...clients(payer), channelId })).toMatchObject({
      state: 'closing',
      closeRequestedAt: requestedAt,
      challengeEndsAt: requestedAt + 86_400,
    })
    await expectRevert(withdrawChannel({ ...clients(payer), channelId }), 'challenge_period_active', [
      channelId,
      BigInt(requestedAt + 86_400),
    ])

    await claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(1.5))] })
    await chain.travel(86_400)
    const before = await chain.balance(payer.account.address)
    const withdrawn = await withdrawChannel({ ...clients(payee), channelId }) // anyone may send it
    expect(withdrawn.refunded).toBe(usd(2.5))
    expect(await chain.balance(payer.account.address)).toBe(before + usd(2.5))
    expect((await readChannel({ ...clients(payer), channelId }))!.state).toBe('closed')
  })

  it('withdraw without a request is close_not_requested; a stranger’s request is not_payer', async () => {
    const { channelId } = await open(usd(1))
    await expectRevert(withdrawChannel({ ...clients(payer), channelId }), 'close_not_requested')
    await expectRevert(requestChannelClose({ ...clients(payee), channelId }), 'not_payer', [
      channelId,
      payee.account.address,
    ])
  })
})

describe('a channel that routes royalties', () => {
  it('credits the asset’s vault its share of every claim, and the payee the rest', async () => {
    const owner = await chain.actor(0)
    const asset = await chain.newAsset(owner)
    const { channelId } = await open(usd(10), { royalty: { assetId: asset.assetId, bps: 1_000 } })
    expect((await readChannel({ ...clients(payer), channelId }))!.royalty).toEqual({
      assetId: asset.assetId,
      bps: 1_000,
    })
    const before = await chain.balance(payee.account.address)
    const claimed = await claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(5))] })
    expect(claimed).toMatchObject({ total: usd(5), royalties: usd(0.5) })
    expect(await chain.balance(payee.account.address)).toBe(before + usd(4.5))
    expect(await chain.balance(asset.vault)).toBe(usd(0.5))
    const royalties = await readRoyalties({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      assetId: asset.assetId,
      account: owner.account.address,
    })
    expect(royalties).toMatchObject({ received: usd(0.5), claimable: usd(0.5) })
  })

  it('refuses a share above 100% before sending, and an asset that does not exist on chain', async () => {
    const share = await failure(open(usd(1), { royalty: { assetId: `0x${'00'.repeat(31)}01`, bps: 10_001 } }))
    expect(share).toBeInstanceOf(InvalidRoyaltyShareError)
    expect(share.code).toBe('invalid_royalty')
    const unknown: Hex = `0x${'ab'.repeat(32)}`
    await expectRevert(open(usd(1), { royalty: { assetId: unknown, bps: 500 } }), 'invalid_royalty', [
      BigInt(unknown),
      500,
    ])
  })
})

describe('bad vouchers and channels', () => {
  it('a voucher above the deposit is voucher_above_deposit; a stranger’s signature is invalid_voucher', async () => {
    const { channelId } = await open(usd(2))
    await expectRevert(
      claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(2.01))] }),
      'voucher_above_deposit',
      [channelId, usd(2.01), usd(2)],
    )
    const stranger = await chain.actor(0)
    await expectRevert(
      claimChannels({ ...clients(payee), claims: [await claim(channelId, usd(1), stranger)] }),
      'invalid_voucher',
      [channelId],
    )
  })

  it('one bad voucher reverts the whole batch; a claim by anyone but the payee is not_payee', async () => {
    const good = await open(usd(1))
    const bad = await open(usd(1))
    const before = await chain.balance(payee.account.address)
    await expectRevert(
      claimChannels({
        ...clients(payee),
        claims: [await claim(good.channelId, usd(0.5)), await claim(bad.channelId, usd(5))],
      }),
      'voucher_above_deposit',
    )
    expect(await chain.balance(payee.account.address)).toBe(before)
    await expectRevert(
      claimChannels({ ...clients(payer), claims: [await claim(good.channelId, usd(0.5))] }),
      'not_payee',
      [good.channelId, payer.account.address],
    )
  })

  it('the same salt twice is channel_exists; a channel never opened reads as undefined', async () => {
    const salt = keccak256(toHex('twice'))
    const { channelId } = await open(usd(1), { salt })
    await expectRevert(open(usd(1), { salt }), 'channel_exists', [channelId])
    const never = keccak256(toHex('never opened'))
    expect(await readChannel({ ...clients(payer), channelId: never })).toBeUndefined()
    await expectRevert(topUpChannel({ ...clients(payer), channelId: never, amount: 1n }), 'unknown_channel')
  })

  it('a deposit above the balance is erc20_insufficient_balance, and nothing is approved', async () => {
    const poor = await chain.actor(1)
    const before = await chain.publicClient.getTransactionCount({ address: poor.account.address })
    await expectRevert(
      openChannel({ ...clients(poor), payee: payee.account.address, deposit: usd(2) }),
      'erc20_insufficient_balance',
    )
    expect(await chain.publicClient.getTransactionCount({ address: poor.account.address })).toBe(before)
  })
})
