import { randomBytes } from 'node:crypto'
import {
  aiUses,
  createAsset,
  createPayingFetch,
  type Hex,
  mintTestStablecoin,
  type PayingScheme,
  readPaymentResponse,
  setTerms,
  sha256Bytes,
} from '@rightflow/sdk'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMulticall3 } from '../../src/payments/facilitator/ensureMulticall3.js'
import { makeSigned } from '../support/records.js'
import { fundedActor, openTerms, usd } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

type Actor = { account: LocalAccount; walletClient: WalletClient }

describe('GET /v1/paid/content/{contentHash}: the bytes of a work, paid per call', () => {
  let h: Harness
  let creator: Actor
  let relayer: `0x${string}`

  beforeAll(async () => {
    h = await startHarness()
    await ensureMulticall3({ rpcUrl: h.chain.rpcUrl })
    creator = await fundedActor(h.chain)
    relayer = h.server.chain.walletClient.account!.address
  })
  afterAll(() => h?.stop())

  const clients = (actor: Actor) => ({ publicClient: h.chain.publicClient, walletClient: actor.walletClient })

  /** A registered work whose bytes the server holds; an IP asset with `terms` when given. */
  async function work(terms?: ReturnType<typeof openTerms>) {
    const bytes = new Uint8Array(randomBytes(2048))
    const contentHash = sha256Bytes(bytes)
    const record = await makeSigned(creator.account, h.domain, { contentHash })
    const { id } = (await (await h.post('/v1/records', submission(record, { mode: 'direct' }))).json()) as {
      id: Hex
    }
    expect((await h.putContent(creator.account, bytes)).status).toBe(201)
    if (!terms) return { bytes, contentHash, assetId: undefined, vault: undefined }
    const contracts = h.chain.rights
    const { assetId, vault } = await createAsset({
      ...clients(creator),
      contracts,
      recordId: id,
      kind: 'work',
    })
    await setTerms({ ...clients(creator), contracts, assetId, terms })
    return { bytes, contentHash, assetId, vault }
  }

  async function payer(): Promise<Actor> {
    const actor = await fundedActor(h.chain)
    await mintTestStablecoin({
      ...clients(actor),
      walletClient: h.chain.walletClient,
      token: h.chain.rights.paymentToken,
      to: actor.account.address,
      amount: usd(5),
    })
    return actor
  }

  const payingFetch = (actor: Actor, schemes?: PayingScheme[]) =>
    createPayingFetch({
      account: actor.account,
      network: `eip155:${h.chain.chainId}`,
      maxAmountPerRequest: usd(0.001),
      allowedAssets: [h.chain.rights.paymentToken],
      schemes,
      channel: {
        publicClient: h.chain.publicClient,
        walletClient: actor.walletClient,
        channels: h.chain.payments.paymentChannels,
        deposit: usd(0.5),
      },
    })
  const balance = (address: `0x${string}`) =>
    h.chain.publicClient.readContract({
      address: h.chain.rights.paymentToken,
      abi: [
        {
          type: 'function',
          name: 'balanceOf',
          stateMutability: 'view',
          inputs: [{ type: 'address' }],
          outputs: [{ type: 'uint256' }],
        },
      ],
      functionName: 'balanceOf',
      args: [address],
    })

  it('asks $0.001 a call by channel or exact, payable to the server, with no royalty for a work that is no asset', async () => {
    const { contentHash, bytes } = await work()
    const url = `${h.server.url}/v1/paid/content/${contentHash}?use=inference`
    const unpaid = await fetch(url)
    expect(unpaid.status).toBe(402)
    const required = decodePaymentRequiredHeader(unpaid.headers.get('payment-required')!)
    expect(required.accepts.map((r) => [r.scheme, r.amount, r.payTo, r.extra.royalty])).toEqual([
      ['channel', '1000', relayer, null],
      ['exact', '1000', relayer, null],
    ])
    expect(required.accepts[0]!.extra).toMatchObject({
      channels: h.chain.payments.paymentChannels,
      minDeposit: '100000',
    })
    const paid = await payingFetch(await payer())(url)
    expect(paid.status).toBe(200)
    expect(paid.headers.get('rightflow-usage')).toBe('public;basis=paid')
    expect(new Uint8Array(await paid.arrayBuffer())).toEqual(bytes)
    expect(readPaymentResponse(paid)).toMatchObject({
      success: true,
      transaction: '',
      extra: { charged: '1000' },
    })
  })

  it('refuses before any payment what no payment could fix: unknown content, no use, a use the owner does not allow', async () => {
    const unknown = await fetch(`${h.server.url}/v1/paid/content/0x${'ab'.repeat(32)}?use=inference`)
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('payment-required')).toBeNull()
    const { contentHash } = await work()
    const noUse = await fetch(`${h.server.url}/v1/paid/content/${contentHash}`)
    expect(await noUse.json()).toMatchObject({ status: 400, code: 'invalid_use' })
    const closed = openTerms(usd(1), 1_000, {
      uses: Object.fromEntries(
        aiUses.map((use) => [
          use,
          { allowed: use !== 'inference', price: use === 'inference' ? 0n : usd(1) },
        ]),
      ) as never,
    })
    const { contentHash: owned, assetId } = await work(closed)
    const notAllowed = await fetch(`${h.server.url}/v1/paid/content/${owned}?use=inference`)
    expect(notAllowed.status).toBe(403)
    expect(await notAllowed.json()).toMatchObject({ code: 'use_not_allowed', assetId, use: 'inference' })
  })

  it('routes 10% of every payment to the vault of the asset that covers the bytes, by channel and by exact', async () => {
    const { contentHash, bytes, assetId, vault } = await work(openTerms(usd(1)))
    const url = `${h.server.url}/v1/paid/content/${contentHash}?use=inference`
    const required = decodePaymentRequiredHeader((await fetch(url)).headers.get('payment-required')!)
    expect(required.accepts.map((r) => r.extra.royalty)).toEqual([
      { assetId, bps: 1_000 },
      { assetId, bps: 1_000 },
    ])
    const before = await balance(vault!)
    const byChannel = payingFetch(await payer())
    for (let i = 0; i < 10; i++) {
      const response = await byChannel(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('rightflow-usage')).toBe(`${assetId};basis=paid`)
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
    }
    const byExact = await payingFetch(await payer(), ['exact'])(url)
    expect(byExact.status).toBe(200)
    expect(readPaymentResponse(byExact)?.transaction).toMatch(/^0x[0-9a-f]{64}$/)

    const payments = h.server.payments
    // Every open channel with something to claim, this work's among them, in one transaction.
    const claimed = await payments.channels!.claimer.tick({ all: true })
    expect(claimed.transactions).toHaveLength(1)
    expect(await payments.royalties!.ledger.listDue()).toEqual([{ assetId, owed: 100n, paid: 0n }])
    expect(await payments.royalties!.forwarder.tick({ all: true })).toBe(100n)
    expect(await payments.royalties!.ledger.listDue()).toEqual([])
    expect((await balance(vault!)) - before).toBe(1_000n + 100n)
  })
})
