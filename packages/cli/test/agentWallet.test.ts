import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Hex, parseUsd, readAgentWallet, readChannel } from '@rightflow/sdk'
import { type Address, getAddress } from 'viem'
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
const wallet = () =>
  readAgentWallet({ publicClient: p.h.chain.publicClient, contracts: p.payments, agent: p.agent })
const channel = (channelId: Hex) =>
  readChannel({ publicClient: p.h.chain.publicClient, contracts: p.payments, channelId })

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
