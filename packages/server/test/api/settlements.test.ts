import { createAgentWallet, mintTestStablecoin, openStream, signWalletConsent } from '@rightflow/sdk'
import { maxUint256 } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fundedActor, usd } from '../support/rightsActors.js'
import { type Harness, startHarness } from './serverHarness.js'

describe('the Settle layer over HTTP (reads from the chain)', () => {
  let h: Harness
  let streamId: bigint
  let agent: `0x${string}`

  beforeAll(async () => {
    h = await startHarness()
    const payer = await fundedActor(h.chain)
    const clients = { publicClient: h.chain.publicClient, walletClient: payer.walletClient }
    const contracts = { ...h.chain.payments, paymentToken: h.chain.rights.paymentToken }
    await mintTestStablecoin({
      ...clients,
      token: contracts.paymentToken,
      to: payer.account.address,
      amount: usd(50),
    })
    ;({ streamId } = await openStream({
      ...clients,
      contracts,
      recipient: h.account.address,
      ratePerSecond: 10n,
      deposit: usd(1),
    }))
    const agentKey = (await fundedActor(h.chain)).account
    agent = agentKey.address
    const { signature } = await signWalletConsent({
      account: agentKey,
      domain: { chainId: await h.chain.publicClient.getChainId(), agentWallets: contracts.agentWallets },
      owner: payer.account.address,
      deadline: maxUint256,
    })
    await createAgentWallet({
      ...clients,
      contracts,
      agent,
      policy: { budgetPerPeriod: usd(5), periodSeconds: 86_400, maxPerPayment: usd(1) },
      consent: { deadline: maxUint256, signature },
    })
  })
  afterAll(() => h?.stop())

  it('shows a stream with what accrued and when it runs dry, amounts as exact strings', async () => {
    const body = (await (await h.get(`/v1/streams/${streamId}`)).json()) as Record<string, unknown>
    expect(body).toMatchObject({
      recipient: h.account.address,
      deposit: usd(1).toString(),
      ratePerSecond: '10',
    })
  })

  it("shows an agent wallet's policy and what it may spend", async () => {
    const body = (await (await h.get(`/v1/agents/${agent}/wallet`)).json()) as {
      policy: Record<string, unknown>
    }
    expect(body.policy).toMatchObject({
      budgetPerPeriod: usd(5).toString(),
      maxPerPayment: usd(1).toString(),
    })
  })

  it('answers unknown ids with 404 and malformed ones with 400', async () => {
    expect(await (await h.get(`/v1/channels/0x${'ab'.repeat(32)}`)).json()).toMatchObject({
      code: 'not_found',
    })
    expect(await (await h.get('/v1/streams/999999')).json()).toMatchObject({ code: 'not_found', status: 404 })
    expect(await (await h.get('/v1/escrows/0')).json()).toMatchObject({
      code: 'invalid_request',
      status: 400,
    })
    expect(await (await h.get('/v1/agents/bob/wallet')).json()).toMatchObject({ code: 'invalid_address' })
  })
})
