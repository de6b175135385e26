import { type Address, maxUint256 } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from '../../../server/test/payments/channelHarness.js'
import {
  type AgentPolicyInput,
  type BaseError,
  channelAccountOf,
  createAgentWallet,
  createPayingFetch,
  depositToAgentWallet,
  mintTestStablecoin,
  OverBudgetError,
  PayeeNotAllowedError,
  type PayingScheme,
  readAgentWallet,
  readPaymentResponse,
  setAgentPayee,
  setAgentWalletPaused,
  signWalletConsent,
} from '../../src/index.js'

describe('paying from an agent wallet: its on-chain policy holds for channels and for exact', () => {
  let h: ChannelHarness
  let site: ChannelSite
  let owner: Actor

  beforeAll(async () => {
    h = await startChannelHarness()
    site = await h.site({ minDeposit: 10n * callPrice })
    owner = await h.actor(100)
  })
  afterAll(() => h?.stop())

  const clients = (actor: Actor) => ({
    publicClient: h.chain.publicClient,
    walletClient: actor.walletClient,
    contracts: h.contracts,
  })
  const policy = (overrides: Partial<AgentPolicyInput> = {}): AgentPolicyInput => ({
    budgetPerPeriod: 50_000n,
    periodSeconds: 86_400,
    maxPerPayment: 20_000n,
    ...overrides,
  })

  /** An agent key with gas, a wallet owned by `owner` holding $1, and this policy. */
  async function agentWith(overrides: Partial<AgentPolicyInput> = {}): Promise<Actor> {
    const agent = await h.actor(0)
    const { signature } = await signWalletConsent({
      account: agent.account,
      domain: { chainId: h.chain.chainId, agentWallets: h.contracts.agentWallets },
      owner: owner.account.address,
      deadline: maxUint256,
    })
    await createAgentWallet({
      ...clients(owner),
      agent: agent.account.address,
      policy: policy(overrides),
      consent: { deadline: maxUint256, signature },
    })
    await depositToAgentWallet({ ...clients(owner), agent: agent.account.address, amount: 1_000_000n })
    return agent
  }

  const payingFetch = (agent: Actor, schemes?: PayingScheme[], deposit = 100_000n) =>
    createPayingFetch({
      account: agent.account,
      network: h.network,
      maxAmountPerRequest: callPrice,
      allowedAssets: [h.token],
      schemes,
      channel: {
        publicClient: h.chain.publicClient,
        walletClient: agent.walletClient,
        channels: h.contracts.paymentChannels,
        deposit,
      },
      agentWallet: { publicClient: h.chain.publicClient, agentWallets: h.contracts.agentWallets },
    })
  const url = () => `${site.url}/v1/paid/report`
  const nonceOf = (address: Address) => h.chain.publicClient.getTransactionCount({ address })
  const refused = async (
    promise: Promise<Response>,
    type: new (...args: never[]) => BaseError,
    code: string,
  ) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(type)
    expect((error as BaseError).code).toBe(code)
  }

  it('opens the channel from the wallet, within its policy: the deposit is spent from the budget, the agent key signs', async () => {
    const agent = await agentWith()
    const pay = payingFetch(agent)
    for (let i = 0; i < 3; i++) expect((await pay(url())).status).toBe(200)
    const wallet = await readAgentWallet({ ...clients(agent), agent: agent.account.address })
    // The configured $0.10 is over the $0.02 a payment may be: the deposit was lowered to it.
    expect(wallet).toMatchObject({ balance: 980_000n, spentInPeriod: 20_000n })
    const account = await channelAccountOf({ ...clients(agent), agent: agent.account.address })
    const [channel] = await site.store
      .listOpen({
        network: h.network,
        channels: h.contracts.paymentChannels,
        payee: site.payee.account.address,
      })
      .then((open) => open.filter((c) => c.payer === account.toLowerCase()))
    expect(channel).toMatchObject({
      voucherSigner: agent.account.address.toLowerCase(),
      deposit: 20_000n,
      charged: 3n * callPrice,
    })
    // One transaction: the wallet's openChannel. The agent's own tokens (none) are never touched.
    expect(await nonceOf(agent.account.address)).toBe(1)
  })

  it('opens another channel from the wallet when one runs out (a wallet channel cannot be topped up)', async () => {
    const agent = await agentWith()
    const pay = payingFetch(agent, undefined, 10n * callPrice)
    for (let i = 0; i < 12; i++) expect((await pay(url())).status).toBe(200)
    expect(await nonceOf(agent.account.address)).toBe(2)
    const wallet = await readAgentWallet({ ...clients(agent), agent: agent.account.address })
    expect(wallet?.spentInPeriod).toBe(20n * callPrice)
  })

  it('refuses a channel the wallet cannot fund (over_budget), sending nothing', async () => {
    const agent = await agentWith({ budgetPerPeriod: 5_000n, maxPerPayment: 5_000n })
    await refused(payingFetch(agent)(url()), OverBudgetError, 'over_budget')
    expect(await nonceOf(agent.account.address)).toBe(0)
  })

  it('refuses a payee off the wallet’s allow-list (payee_not_allowed), as the chain would', async () => {
    const agent = await agentWith({ allowlistOnly: true })
    await refused(payingFetch(agent)(url()), PayeeNotAllowedError, 'payee_not_allowed')
    expect(await nonceOf(agent.account.address)).toBe(0)
    await setAgentPayee({
      ...clients(owner),
      agent: agent.account.address,
      payee: site.payee.account.address,
      allowed: true,
    })
    expect((await payingFetch(agent)(url())).status).toBe(200)
  })

  it('refuses to pay from a paused wallet (over_budget)', async () => {
    const agent = await agentWith()
    await setAgentWalletPaused({ ...clients(owner), agent: agent.account.address, paused: true })
    await refused(payingFetch(agent)(url()), OverBudgetError, 'over_budget')
    await refused(payingFetch(agent, ['exact'])(url()), OverBudgetError, 'over_budget')
  })

  it('applies the wallet’s policy to exact payments too, read from the chain before each one', async () => {
    const agent = await agentWith({ allowlistOnly: true })
    // Exact payments come from the agent key's own tokens; the wallet's policy still decides.
    await mintTestStablecoin({
      publicClient: h.chain.publicClient,
      walletClient: h.chain.walletClient,
      token: h.token,
      to: agent.account.address,
      amount: 1_000_000n,
    })
    const exact = payingFetch(agent, ['exact'])
    await refused(exact(url()), PayeeNotAllowedError, 'payee_not_allowed')
    await setAgentPayee({
      ...clients(owner),
      agent: agent.account.address,
      payee: site.payee.account.address,
      allowed: true,
    })
    const paid = await exact(url())
    expect(paid.status).toBe(200)
    expect(readPaymentResponse(paid)?.transaction).toMatch(/^0x[0-9a-f]{64}$/)
    const tight = await agentWith({ budgetPerPeriod: 500n, maxPerPayment: 500n })
    await refused(payingFetch(tight, ['exact'])(url()), OverBudgetError, 'over_budget')
  })
})
