import { keccak256, toHex, zeroHash } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AgentPolicyInput,
  agentPay,
  agentPaymentDigest,
  agentWalletsAbi,
  channelAccountOf,
  claimChannels,
  createAgentWallet,
  depositToAgentWallet,
  listAgentPayees,
  openChannel,
  openChannelFromWallet,
  payAgentPaymentBySig,
  readAgentWallet,
  readChannel,
  reclaimChannel,
  requestWalletChannelClose,
  setAgentAllowlistOnly,
  setAgentLimits,
  setAgentPayee,
  setAgentWalletPaused,
  signAgentPayment,
  signVoucher,
  signWalletConsent,
  walletConsentDigest,
  withdrawChannel,
  withdrawFromAgentWallet,
} from '../../src/index.js'
import { expectRevert, type PaymentsChain, startPaymentsChain } from '../support/paymentsChain.js'
import { type Actor, usd } from '../support/rightsChain.js'

const day = 86_400
const policy: AgentPolicyInput = { budgetPerPeriod: usd(10), periodSeconds: day, maxPerPayment: usd(3) }

let chain: PaymentsChain
let owner: Actor
let payee: Actor

beforeAll(async () => {
  chain = await startPaymentsChain()
  owner = await chain.actor(1_000)
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
const read = (agent: Actor) => readAgentWallet({ ...clients(agent), agent: agent.account.address })
const domain = () => ({ chainId: chain.chainId, agentWallets: chain.payments.agentWallets })

/** `agent`'s consent to a wallet owned by `to`, valid for ten minutes of chain time. */
async function consentOf(agent: Actor, to: Actor = owner) {
  const deadline = BigInt((await chain.now()) + 600)
  const { signature } = await signWalletConsent({
    account: agent.account,
    domain: domain(),
    owner: to.account.address,
    deadline,
  })
  return { deadline, signature }
}

/** `owner` creates `agent`'s wallet under `p`, with the agent's consent. */
async function create(agent: Actor, p: AgentPolicyInput = policy) {
  const consent = await consentOf(agent)
  return createAgentWallet({ ...clients(owner), agent: agent.account.address, policy: p, consent })
}

/** A fresh agent key with a wallet `owner` created under `p` and funded with `funds`. */
async function funded(funds = usd(20), p: AgentPolicyInput = policy): Promise<Actor> {
  const agent = await chain.actor(0)
  await create(agent, p)
  if (funds > 0n)
    await depositToAgentWallet({ ...clients(owner), agent: agent.account.address, amount: funds })
  return agent
}

describe('an agent wallet', () => {
  it('is created and funded by its owner, and reads back with its policy and what it may spend', async () => {
    const agent = await chain.actor(0)
    const created = await create(agent)
    const createdAt = await chain.minedAt(created.txHash)
    const deposit = await depositToAgentWallet({
      ...clients(owner),
      agent: agent.account.address,
      amount: usd(20),
    })
    expect(deposit.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await chain.balance(chain.payments.agentWallets)).toBeGreaterThanOrEqual(usd(20))
    expect(await read(agent)).toEqual({
      agent: agent.account.address,
      owner: owner.account.address,
      balance: usd(20),
      spentInPeriod: 0n,
      periodStart: createdAt,
      periodEndsAt: createdAt + day,
      policy: { ...policy, allowlistOnly: false, paused: false },
      spendable: usd(10),
    })
  })

  it('lets the agent pay within its policy, and the chain refuses what is over it', async () => {
    const agent = await funded()
    const pay = (amount: bigint) => agentPay({ ...clients(agent), payee: payee.account.address, amount })
    const before = await chain.balance(payee.account.address)
    await pay(usd(3))
    await pay(usd(3))
    await pay(usd(2))
    expect(await chain.balance(payee.account.address)).toBe(before + usd(8))
    expect(await read(agent)).toMatchObject({ balance: usd(12), spentInPeriod: usd(8), spendable: usd(2) })

    await expectRevert(pay(usd(3.5)), 'over_max_per_payment', [usd(3.5), usd(3)])
    await expectRevert(pay(usd(3)), 'over_budget', [usd(3), usd(2)])
  })

  it('resets spending when the period ends', async () => {
    const agent = await funded()
    await agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(3) })
    const { periodStart } = (await read(agent))!
    await chain.travel(day)
    expect(await read(agent)).toMatchObject({
      spentInPeriod: 0n,
      periodStart: periodStart + day,
      spendable: usd(10),
      balance: usd(17),
    })
  })

  it('pays allowed payees only while the allow-list is on', async () => {
    const agent = await funded()
    const stranger = await chain.actor(0)
    await setAgentAllowlistOnly({ ...clients(owner), agent: agent.account.address, allowlistOnly: true })
    expect((await read(agent))!.policy).toEqual({ ...policy, allowlistOnly: true, paused: false })
    await expectRevert(
      agentPay({ ...clients(agent), payee: stranger.account.address, amount: usd(1) }),
      'payee_not_allowed',
      [agent.account.address, stranger.account.address],
    )
    const allow = (who: Actor, allowed: boolean) =>
      setAgentPayee({ ...clients(owner), agent: agent.account.address, payee: who.account.address, allowed })
    await allow(payee, true)
    await allow(stranger, true)
    await allow(stranger, false)
    expect(await listAgentPayees({ ...clients(owner), agent: agent.account.address })).toEqual([
      payee.account.address,
    ])
    await agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(1) })
    expect((await read(agent))!.spentInPeriod).toBe(usd(1))
  })

  it('spends nothing while paused, and spends again once resumed', async () => {
    const agent = await funded()
    await setAgentWalletPaused({ ...clients(owner), agent: agent.account.address, paused: true })
    expect(await read(agent)).toMatchObject({ spendable: 0n, policy: { paused: true } })
    await expectRevert(
      agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(1) }),
      'wallet_paused',
      [agent.account.address],
    )
    await setAgentWalletPaused({ ...clients(owner), agent: agent.account.address, paused: false })
    await agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(1) })
  })

  it('changes its limits without touching the switches: an edit from an earlier read cannot resume a pause', async () => {
    const agent = await funded()
    const before = (await read(agent))!.policy
    await setAgentWalletPaused({ ...clients(owner), agent: agent.account.address, paused: true })
    await setAgentAllowlistOnly({ ...clients(owner), agent: agent.account.address, allowlistOnly: true })
    await setAgentLimits({
      ...clients(owner),
      agent: agent.account.address,
      limits: { ...before, maxPerPayment: usd(5) },
    })
    expect((await read(agent))!.policy).toEqual({
      ...policy,
      maxPerPayment: usd(5),
      allowlistOnly: true,
      paused: true,
    })
    await expectRevert(
      agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(4) }),
      'wallet_paused',
    )
    await expectRevert(
      setAgentLimits({ ...clients(agent), agent: agent.account.address, limits: before }),
      'not_owner',
    )
  })

  it('gives funds back to the owner only, within the balance', async () => {
    const agent = await funded(usd(5))
    const to = await chain.actor(0)
    await withdrawFromAgentWallet({
      ...clients(owner),
      agent: agent.account.address,
      amount: usd(2),
      to: to.account.address,
    })
    expect(await chain.balance(to.account.address)).toBe(usd(2))
    expect((await read(agent))!.balance).toBe(usd(3))
    await expectRevert(
      withdrawFromAgentWallet({ ...clients(agent), agent: agent.account.address, amount: 1n }),
      'not_owner',
      [agent.account.address, agent.account.address],
    )
    await expectRevert(
      withdrawFromAgentWallet({ ...clients(owner), agent: agent.account.address, amount: usd(4) }),
      'insufficient_balance',
      [usd(4), usd(3)],
    )
    await expectRevert(
      agentPay({ ...clients(agent), payee: payee.account.address, amount: usd(3.5) }),
      'over_max_per_payment',
    )
  })

  it('refuses a policy that cannot work, a second wallet, and reads an unknown agent as undefined', async () => {
    const agent = await chain.actor(0)
    await expectRevert(create(agent, { ...policy, maxPerPayment: usd(11) }), 'invalid_policy', [
      'max per payment above budget',
    ])
    await create(agent)
    await expectRevert(create(agent), 'wallet_exists', [agent.account.address])
    expect(await read(await chain.actor(0))).toBeUndefined()
  })
})

describe('the agent’s consent to its wallet', () => {
  it('hashes as the contract’s consentDigest does', async () => {
    const agent = await chain.actor(0)
    const consent = { agent: agent.account.address, owner: owner.account.address, deadline: 1_900_000_000n }
    const onChain = await chain.publicClient.readContract({
      address: chain.payments.agentWallets,
      abi: agentWalletsAbi,
      functionName: 'consentDigest',
      args: [consent.agent, consent.owner, consent.deadline],
    })
    expect(walletConsentDigest(consent, domain())).toBe(onChain)
  })

  it('is required: a squatter without it, or with one naming another owner, or a late one is refused', async () => {
    const agent = await chain.actor(0)
    const squatter = await chain.actor(0)
    const make = (by: Actor, consent?: { deadline: bigint; signature: `0x${string}` }) =>
      createAgentWallet({ ...clients(by), agent: agent.account.address, policy, consent })
    await expectRevert(make(squatter), 'invalid_signature', [agent.account.address])
    await expectRevert(make(squatter, await consentOf(agent)), 'invalid_signature', [agent.account.address])
    const late = await signWalletConsent({
      account: agent.account,
      domain: domain(),
      owner: owner.account.address,
      deadline: BigInt(await chain.now()) - 1n,
    })
    await expectRevert(
      make(owner, { deadline: late.consent.deadline, signature: late.signature }),
      'consent_expired',
    )
    await make(owner, await consentOf(agent))
    expect((await read(agent))!.owner).toBe(owner.account.address)
  })

  it('is the agent’s own call when it creates a wallet it owns', async () => {
    const agent = await chain.actor(0)
    await createAgentWallet({ ...clients(agent), agent: agent.account.address, policy })
    expect((await read(agent))!.owner).toBe(agent.account.address)
  })
})

describe('payments an agent signs for someone else to submit', () => {
  it('hash as the contract’s paymentDigest does', async () => {
    const agent = await chain.actor(0)
    const payment = {
      agent: agent.account.address,
      payee: payee.account.address,
      amount: usd(1.5),
      memo: keccak256(toHex('invoice 7')),
      nonce: keccak256(toHex('nonce')),
      deadline: 1_900_000_000n,
    }
    const onChain = await chain.publicClient.readContract({
      address: chain.payments.agentWallets,
      abi: agentWalletsAbi,
      functionName: 'paymentDigest',
      args: [payment.agent, payment.payee, payment.amount, payment.memo, payment.nonce, payment.deadline],
    })
    expect(agentPaymentDigest(payment, domain())).toBe(onChain)
  })

  it('are paid once, by anyone, before their deadline, and only with the agent’s signature', async () => {
    const agent = await funded()
    const deadline = BigInt((await chain.now()) + 600)
    const signed = await signAgentPayment({
      account: agent.account,
      domain: domain(),
      payment: { payee: payee.account.address, amount: usd(2), deadline },
    })
    expect(signed.payment).toMatchObject({ agent: agent.account.address, memo: zeroHash })
    const before = await chain.balance(payee.account.address)
    await payAgentPaymentBySig({ ...clients(payee), ...signed })
    expect(await chain.balance(payee.account.address)).toBe(before + usd(2))
    expect((await read(agent))!.spentInPeriod).toBe(usd(2))
    await expectRevert(payAgentPaymentBySig({ ...clients(payee), ...signed }), 'nonce_used', [
      agent.account.address,
      signed.payment.nonce,
    ])

    const forged = await signAgentPayment({
      account: payee.account,
      domain: domain(),
      payment: { payee: payee.account.address, amount: usd(1), deadline },
    })
    await expectRevert(
      payAgentPaymentBySig({
        ...clients(payee),
        payment: { ...forged.payment, agent: agent.account.address },
        signature: forged.signature,
      }),
      'invalid_signature',
      [agent.account.address],
    )
    const late = await signAgentPayment({
      account: agent.account,
      domain: domain(),
      payment: { payee: payee.account.address, amount: usd(1), deadline: BigInt(await chain.now()) - 1n },
    })
    await expectRevert(payAgentPaymentBySig({ ...clients(payee), ...late }), 'payment_expired')
  })
})

describe('channels funded from an agent wallet', () => {
  it('count the deposit as spending, and credit the unclaimed rest back to the balance, not the budget', async () => {
    const agent = await funded()
    const opened = await openChannelFromWallet({
      ...clients(agent),
      payee: payee.account.address,
      deposit: usd(3),
    })
    expect(opened.channelAccount).toBe(
      await channelAccountOf({ ...clients(agent), agent: agent.account.address }),
    )
    expect(await readChannel({ ...clients(agent), channelId: opened.channelId })).toMatchObject({
      payer: opened.channelAccount,
      voucherSigner: agent.account.address,
      deposit: usd(3),
    })
    expect(await read(agent)).toMatchObject({ balance: usd(17), spentInPeriod: usd(3) })

    const signature = await signVoucher({
      account: agent.account,
      domain: { chainId: chain.chainId, channels: chain.payments.paymentChannels },
      voucher: { channelId: opened.channelId, cumulativeAmount: usd(1) },
    })
    await claimChannels({
      ...clients(payee),
      claims: [{ channelId: opened.channelId, cumulativeAmount: usd(1), signature }],
    })
    await requestWalletChannelClose({ ...clients(owner), channelId: opened.channelId })
    expect((await reclaimChannel({ ...clients(owner), channelId: opened.channelId })).refunded).toBe(0n)
    await chain.travel(day)
    await withdrawChannel({ ...clients(owner), channelId: opened.channelId })
    expect(await chain.balance(opened.channelAccount)).toBe(usd(2))

    const reclaimed = await reclaimChannel({ ...clients(payee), channelId: opened.channelId })
    expect(reclaimed.refunded).toBe(usd(2))
    expect(await chain.balance(opened.channelAccount)).toBe(0n)
    // A new period began with the travel: spending reads as reset, and the refund gave no budget back.
    expect(await read(agent)).toMatchObject({ balance: usd(19), spentInPeriod: 0n })
    expect((await reclaimChannel({ ...clients(owner), channelId: opened.channelId })).refunded).toBe(0n)
  })

  it('obey the policy like any payment', async () => {
    const agent = await funded()
    await expectRevert(
      openChannelFromWallet({ ...clients(agent), payee: payee.account.address, deposit: usd(4) }),
      'over_max_per_payment',
    )
    await setAgentWalletPaused({ ...clients(owner), agent: agent.account.address, paused: true })
    await expectRevert(
      openChannelFromWallet({ ...clients(agent), payee: payee.account.address, deposit: usd(1) }),
      'wallet_paused',
    )
  })

  it('open only on the PaymentChannels the wallets contract is bound to', async () => {
    const agent = await funded()
    const elsewhere = (await chain.actor(0)).account.address
    await expectRevert(
      openChannelFromWallet({
        ...clients(agent),
        contracts: { ...chain.payments, paymentChannels: elsewhere },
        payee: payee.account.address,
        deposit: usd(1),
      }),
      'channels_not_approved',
      [elsewhere],
    )
    expect((await read(agent))!.balance).toBe(usd(20))
  })

  it('refuse to reclaim a channel no wallet funded, and a close request from a stranger', async () => {
    const agent = await funded()
    const opened = await openChannelFromWallet({
      ...clients(agent),
      payee: payee.account.address,
      deposit: usd(1),
    })
    await expectRevert(
      requestWalletChannelClose({ ...clients(payee), channelId: opened.channelId }),
      'not_owner',
    )
    const plain = await openChannel({ ...clients(owner), payee: payee.account.address, deposit: usd(1) })
    await expectRevert(
      reclaimChannel({ ...clients(owner), channelId: plain.channelId }),
      'not_channel_of_wallet',
      [plain.channelId],
    )
  })
})
