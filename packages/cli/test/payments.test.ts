import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  claimChannels,
  type Hex,
  parseUsd,
  readAgentWallet,
  readChannel,
  readStream,
  signVoucher,
} from '@rightflow/sdk'
import { type Address, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PaymentsCli, startPaymentsCli } from './paymentsHarness.js'
import { expectOneLineError } from './rightsHarness.js'

let p: PaymentsCli

beforeAll(async () => {
  p = await startPaymentsCli()
})
afterAll(() => p.stop())

const usd = parseUsd
const day = 86_400
type WalletJson = {
  owner: Address
  balance: string
  spentInPeriod: string
  spendable: string
  policy: {
    budgetPerPeriod: string
    periodSeconds: number
    maxPerPayment: string
    allowlistOnly: boolean
    paused: boolean
  }
  allowlist: Address[]
}
type ChannelJson = {
  channelId: Hex
  deposit: string
  claimed: string
  remaining: string
  state: string
  txHash: Hex
}
const wallet = () =>
  readAgentWallet({ publicClient: p.h.chain.publicClient, contracts: p.payments, agent: p.agent })
const channel = (channelId: Hex) =>
  readChannel({ publicClient: p.h.chain.publicClient, contracts: p.payments, channelId })

/** The payee (the buyer key) claims `amount` in total from a channel whose vouchers `signerKey` signs. */
async function claim(channelId: Hex, amount: bigint, signerKey: string) {
  const [signer, payee] = await Promise.all([p.signer(signerKey), p.signer('buyer')])
  const signature = await signVoucher({
    account: signer.account,
    domain: { chainId: p.h.chain.chainId, channels: p.payments.paymentChannels },
    voucher: { channelId, cumulativeAmount: amount },
  })
  await claimChannels({
    publicClient: p.h.chain.publicClient,
    walletClient: payee.walletClient,
    contracts: p.payments,
    claims: [{ channelId, cumulativeAmount: amount, signature }],
  })
}

describe('rightflow agent wallet', () => {
  let walletChannel: Hex

  it('creates an agent’s wallet with a policy and an allow-list, tops it up, and shows it as a table', async () => {
    const created = await p.json<WalletJson>(
      'agent',
      'wallet',
      'create',
      '--agent',
      'agent',
      '--budget',
      '10',
      '--period',
      '1d',
      '--max-payment',
      '3',
      '--allow',
      'buyer',
    )
    expect(created).toMatchObject({
      owner: p.creator,
      balance: '0',
      policy: { budgetPerPeriod: String(usd('10')), periodSeconds: day, maxPerPayment: String(usd('3')) },
      allowlist: [p.buyer],
    })
    const topped = await p.json<WalletJson>('agent', 'wallet', 'topup', '20', '--agent', p.agent)
    expect(topped.balance).toBe(String(usd('20')))
    expect(await p.usdOf(p.creator)).toBe(usd('980'))

    const shown = await p.cli('agent', 'wallet', 'show', 'agent')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`Agent wallet of ${p.agent}`)
    expect(shown.stdout).toMatch(/owner\s+0x[0-9a-fA-F]{40}/)
    expect(shown.stdout).toMatch(/balance\s+20\.00 USD/)
    expect(shown.stdout).toMatch(/spent\s+0\.00 USD of 10\.00 USD this period \(10\.00 USD spendable now\)/)
    expect(shown.stdout).toMatch(/resets at\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(every 1d\)/)
    expect(shown.stdout).toMatch(/max per payment\s+3\.00 USD/)
    expect(shown.stdout).toMatch(/allow-list\s+off \(1 listed, used once it is on\)/)
    expect(shown.stdout).toMatch(/paused\s+no/)
  })

  it('enforces the policy on channels opened from the wallet, in one readable line', async () => {
    const open = (deposit: string) =>
      p.cli('channel', 'open', 'buyer', '--deposit', deposit, '--from-wallet', '--key', 'agent', '--json')
    const first = await open('3')
    expect(first.code).toBe(0)
    walletChannel = first.json<ChannelJson>().channelId
    expect(await channel(walletChannel)).toMatchObject({ voucherSigner: p.agent, deposit: usd('3') })
    expect((await open('3')).code).toBe(0)
    expect((await open('3')).code).toBe(0)
    expect(await wallet()).toMatchObject({ balance: usd('11'), spentInPeriod: usd('9'), spendable: usd('1') })

    const over = await p.cli('channel', 'open', 'buyer', '--deposit', '2', '--from-wallet', '--key', 'agent')
    expectOneLineError(
      over,
      /over budget: 2\.00 USD is more than the 1\.00 USD the wallet may still spend this period/,
    )
    const max = await p.cli('channel', 'open', 'buyer', '--deposit', '3.5', '--from-wallet', '--key', 'agent')
    expectOneLineError(max, /3\.50 USD is over the wallet's maximum per payment of 3\.00 USD/)
    const code = await p.cli(
      'channel',
      'open',
      'buyer',
      '--deposit',
      '2',
      '--from-wallet',
      '--key',
      'agent',
      '--json',
    )
    expect(code.json()).toMatchObject({ error: { code: 'over_budget' } })
  })

  it('turns the allow-list on, pauses and resumes, each visible in show and in refusals', async () => {
    const set = await p.json<WalletJson>(
      'agent',
      'wallet',
      'policy',
      'set',
      '--agent',
      'agent',
      '--allowlist-only',
      '--budget',
      '12',
    )
    expect(set.policy).toMatchObject({
      allowlistOnly: true,
      budgetPerPeriod: String(usd('12')),
      maxPerPayment: String(usd('3')),
    })
    const shown = await p.cli('agent', 'wallet', 'policy', 'show', 'agent')
    expect(shown.stdout).toMatch(new RegExp(`allow-list\\s+${p.buyer}`))
    const stranger = p.h.account.address
    expectOneLineError(
      await p.cli('channel', 'open', stranger, '--deposit', '1', '--from-wallet', '--key', 'agent'),
      /is not on the allow-list of .*'s wallet/,
    )

    await p.json('agent', 'wallet', 'pause', '--agent', 'agent')
    expect((await p.cli('agent', 'wallet', 'show', 'agent')).stdout).toMatch(/paused\s+yes/)
    // An edit of the limits after the pause leaves it paused (the switches are not part of `policy set`'s call).
    const edited = await p.json<WalletJson>(
      'agent',
      'wallet',
      'policy',
      'set',
      '--agent',
      'agent',
      '--budget',
      '12',
    )
    expect(edited.policy).toMatchObject({ paused: true, allowlistOnly: true })
    expectOneLineError(
      await p.cli('channel', 'open', 'buyer', '--deposit', '1', '--from-wallet', '--key', 'agent'),
      /the agent wallet of 0x[0-9a-fA-F]{40} is paused/,
    )
    const resumed = await p.json<WalletJson>('agent', 'wallet', 'resume', '--agent', 'agent')
    expect(resumed.policy.paused).toBe(false)
    expect(resumed.policy.allowlistOnly).toBe(true) // resuming keeps the rest of the policy
  })

  it('lets only the owner withdraw', async () => {
    const before = await p.usdOf(p.creator)
    const withdrawn = await p.json<WalletJson>('agent', 'wallet', 'withdraw', '1', '--agent', 'agent')
    expect(withdrawn.balance).toBe(String(usd('10')))
    expect(await p.usdOf(p.creator)).toBe(before + usd('1'))
    expectOneLineError(
      await p.cli('agent', 'wallet', 'withdraw', '1', '--agent', 'agent', '--key', 'agent'),
      /only the owner of 0x[0-9a-fA-F]{40}'s wallet can do this/,
    )
    expectOneLineError(
      await p.cli('agent', 'wallet', 'show', p.h.account.address),
      /has no agent wallet: `rightflow agent wallet create/,
    )
  })

  it('needs the agent’s consent: signed here for a key of yours, from a file for anyone else', async () => {
    const policy = ['--budget', '5', '--period', '1d', '--max-payment', '1']
    const outsider = getAddress(
      (await p.json<{ address: Address }>('keys', 'create', '--name', 'outsider')).address,
    )
    const other = p.h.account.address // no key of ours: only a consent file could do
    expectOneLineError(
      await p.cli('agent', 'wallet', 'create', '--agent', other, ...policy),
      /must consent to a wallet owned by 0x[0-9a-fA-F]{40}: .*`rightflow agent wallet consent --owner/,
    )
    const file = join(p.dir, 'consent.json')
    const signed = await p.cli(
      'agent',
      'wallet',
      'consent',
      '--owner',
      p.creator,
      '--key',
      'outsider',
      '--out',
      file,
    )
    expect(signed.code).toBe(0)
    expect(signed.stdout).toContain(`wrote ${file}`)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ agent: outsider, owner: p.creator })
    expectOneLineError(
      await p.cli(
        'agent',
        'wallet',
        'create',
        '--agent',
        'outsider',
        '--consent',
        file,
        '--key',
        'buyer',
        ...policy,
      ),
      /--consent: .* names the owner 0x[0-9a-fA-F]{40}, not your key/,
    )
    const created = await p.json<WalletJson>(
      'agent',
      'wallet',
      'create',
      '--agent',
      outsider,
      '--consent',
      file,
      ...policy,
    )
    expect(created.owner).toBe(p.creator)
  })

  it('closes a wallet channel after the challenge and credits the unclaimed rest back to the wallet', async () => {
    await claim(walletChannel, usd('1'), 'agent')
    const requested = await p.cli('channel', 'close', walletChannel) // the owner asks
    expect(requested.code).toBe(0)
    expect(requested.stdout).toMatch(/Asked to close channel .*: the payee may still claim until/)
    await p.travel(day)
    const balance = (await wallet())!.balance
    const closed = await p.cli('channel', 'close', walletChannel)
    expect(closed.stdout).toContain(
      `Closed channel ${walletChannel}: 2.00 USD refunded to the agent wallet of ${p.agent}`,
    )
    expect((await wallet())!.balance).toBe(balance + usd('2'))
  })
})

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
