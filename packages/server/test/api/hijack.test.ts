import { randomBytes } from 'node:crypto'
import {
  BaseError,
  buyLicense,
  createAsset,
  createRecord,
  type Hex,
  mintTestStablecoin,
  proveRecordOnChain,
  readAsset,
  recordId,
  setTerms,
  sha256Bytes,
  signApiRequest,
  signRecord,
  supersedeAsset,
} from '@rightflow/sdk'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { fundedActor, openTerms, usd } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

type Actor = { account: LocalAccount; walletClient: WalletClient }

/**
 * Rights in a set of bytes belong to the earliest anchored claim on them. A stranger registers their own
 * record of a creator's earlier, public bytes, makes it an IP asset and puts terms on sale: it must not lock the
 * work, price it, take its royalty, or keep selling once the earlier record is shown on chain.
 */
describe('a stranger cannot hijack a work by registering its bytes later', () => {
  let h: Harness
  let creator: Actor
  let stranger: Actor

  beforeAll(async () => {
    h = await startHarness()
    creator = await fundedActor(h.chain)
    stranger = await fundedActor(h.chain)
  })
  afterAll(() => h?.stop())

  const clients = (actor: Actor) => ({ publicClient: h.chain.publicClient, walletClient: actor.walletClient })
  const signed = (account: LocalAccount, method: string, path: string, body?: Uint8Array) =>
    signApiRequest({ account, domain: h.domain, method, path, body })
  /** Moves the chain's clock on, so the next claim is strictly later on chain (the contract compares times). */
  const later = () =>
    h.chain.publicClient.request({ method: 'evm_increaseTime' as never, params: [60] as never })

  /** `actor` registers a record of `contentHash` directly; its id and the signed record. */
  async function claim(actor: Actor, contentHash: Hex) {
    const record = await makeSigned(actor.account, h.domain, { contentHash })
    const response = await h.post('/v1/records', submission(record, { mode: 'direct' }))
    expect(response.status).toBe(201)
    return { id: ((await response.json()) as { id: Hex }).id, record: record.record }
  }

  /** The creator's public work: registered, its bytes on the server. */
  async function publicWork() {
    const bytes = new Uint8Array(randomBytes(2048))
    const contentHash = sha256Bytes(bytes)
    const original = await claim(creator, contentHash)
    expect((await h.putContent(creator.account, bytes)).status).toBe(201)
    return { bytes, contentHash, original }
  }

  /** The stranger's later claim on the same bytes, made an IP asset with every use on sale at $1. */
  async function hijack(contentHash: Hex) {
    await later()
    const copy = await claim(stranger, contentHash)
    const contracts = h.chain.rights
    const { assetId } = await createAsset({
      ...clients(stranger),
      contracts,
      recordId: copy.id,
      kind: 'work',
    })
    const { termsId } = await setTerms({ ...clients(stranger), contracts, assetId, terms: openTerms(usd(1)) })
    return { ...copy, assetId, termsId }
  }

  it("a later claim's asset does not lock the creator's public work: anyone still gets it", async () => {
    const { bytes, contentHash } = await publicWork()
    await hijack(contentHash)
    const response = await fetch(`${h.server.url}/v1/content/${contentHash}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('rightflow-usage')).toBe('public')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
  })

  it("a later claim's asset does not lock the creator out of their own protected work", async () => {
    const { bytes, contentHash, original } = await publicWork()
    const contracts = h.chain.rights
    const { assetId } = await createAsset({
      ...clients(creator),
      contracts,
      recordId: original.id,
      kind: 'work',
    })
    await setTerms({ ...clients(creator), contracts, assetId, terms: openTerms(usd(2)) })
    await hijack(contentHash)
    const path = `/v1/content/${contentHash}?use=training`
    const own = await fetch(`${h.server.url}${path}`, {
      headers: { authorization: await signed(creator.account, 'GET', path) },
    })
    expect(own.status).toBe(200)
    expect(own.headers.get('rightflow-usage')).toBe(`${assetId};basis=owner`)
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(bytes)
    // The stranger owns only a later claim: the creator's asset governs, and the stranger holds no license.
    const theirs = await fetch(`${h.server.url}${path}`, {
      headers: { authorization: await signed(stranger.account, 'GET', path) },
    })
    expect(theirs.status).toBe(403)
    expect(await theirs.json()).toMatchObject({ code: 'license_required', assetId })
  })

  it("the paid route pays no royalty to a later claim's asset", async () => {
    const { contentHash } = await publicWork()
    const { assetId: strangers } = await hijack(contentHash)
    const unpaid = await fetch(`${h.server.url}/v1/paid/content/${contentHash}?use=inference`)
    expect(unpaid.status).toBe(402)
    const required = decodePaymentRequiredHeader(unpaid.headers.get('payment-required')!)
    const royalties = required.accepts.map((r) => r.extra.royalty)
    expect(royalties).not.toContainEqual(expect.objectContaining({ assetId: strangers }))
    expect(royalties.every((r) => r === null)).toBe(true)
  })

  it('follows the earliest anchor, not the order records reached this server', async () => {
    const bytes = new Uint8Array(randomBytes(2048))
    const contentHash = sha256Bytes(bytes)
    // The stranger's record reaches the server first, but in a batch anchored only after the creator's direct one.
    const copy = await makeSigned(stranger.account, h.domain, { contentHash })
    expect((await h.post('/v1/records', submission(copy))).status).toBe(202)
    const original = await claim(creator, contentHash)
    await later()
    await h.anchorNow()
    const listed = (await (await h.get(`/v1/records?contentHash=${contentHash}`)).json()) as {
      items: { id: Hex; batch: { root: Hex; proof: Hex[] } | null }[]
    }
    const batched = listed.items.find((r) => r.batch)!
    expect(listed.items.map((r) => r.id)).toEqual([original.id, batched.id])
    await proveRecordOnChain({
      ...clients(stranger),
      registry: h.chain.registry,
      signed: copy,
      root: batched.batch!.root,
      proof: batched.batch!.proof,
    })
    const contracts = h.chain.rights
    const theirs = await createAsset({ ...clients(stranger), contracts, recordId: batched.id, kind: 'work' })
    await setTerms({ ...clients(stranger), contracts, assetId: theirs.assetId, terms: openTerms(usd(1)) })
    const mine = await createAsset({ ...clients(creator), contracts, recordId: original.id, kind: 'work' })
    await setTerms({ ...clients(creator), contracts, assetId: mine.assetId, terms: openTerms(usd(1)) })
    const path = `/v1/content/${contentHash}`
    expect((await h.putContent(creator.account, bytes)).status).toBe(201)

    const unpaid = await fetch(`${h.server.url}/v1/paid/content/${contentHash}?use=inference`)
    const required = decodePaymentRequiredHeader(unpaid.headers.get('payment-required')!)
    expect(required.accepts.map((r) => r.extra.royalty)).toEqual(
      required.accepts.map(() => ({ assetId: mine.assetId, bps: 1_000 })),
    )
    const use = `${path}?use=training`
    const own = await fetch(`${h.server.url}${use}`, {
      headers: { authorization: await signed(creator.account, 'GET', use) },
    })
    expect(own.headers.get('rightflow-usage')).toBe(`${mine.assetId};basis=owner`)
  })

  it('a stranger who copies a pending record into the same batch with an id that sorts lower does not become the earliest claim', async () => {
    const bytes = new Uint8Array(randomBytes(2048))
    const contentHash = sha256Bytes(bytes)
    // The creator's record is pending, its content hash public (GET /v1/records?contentHash=).
    const original = await makeSigned(creator.account, h.domain, { contentHash })
    expect((await h.post('/v1/records', submission(original))).status).toBe(202)
    const originalId = recordId(original.record)
    // The stranger grinds its own record of the same hash (it needs no bytes) until its id sorts below.
    let model = 0
    const grind = () =>
      createRecord({
        creator: stranger.account.address,
        contentHash,
        size: 1234,
        mediaType: 'image/png',
        origin: 'ai',
        model: `m${model++}`,
        createdAt: 1_700_000_000,
      })
    let record = grind()
    while (recordId(record) >= originalId) record = grind()
    const copy = await signRecord({ account: stranger.account, record, domain: h.domain })
    expect((await h.post('/v1/records', submission(copy))).status).toBe(202)
    // One batch: same anchor time, same block, same log. Only the leaves differ, in the order received.
    await h.anchorNow()
    const listed = (await (await h.get(`/v1/records?contentHash=${contentHash}`)).json()) as {
      items: {
        id: Hex
        batch: { root: Hex; leafIndex: number; proof: Hex[] } | null
        claim: { earliest: boolean }
      }[]
    }
    const [first, second] = listed.items
    expect(first!.batch!.root).toBe(second!.batch!.root)
    expect(listed.items.map((r) => [r.id, r.claim.earliest])).toEqual([
      [originalId, true],
      [recordId(copy.record), false],
    ])
    // The stranger puts its record on chain, makes it an asset and sells every use.
    await proveRecordOnChain({
      ...clients(stranger),
      registry: h.chain.registry,
      signed: copy,
      root: second!.batch!.root,
      proof: second!.batch!.proof,
    })
    const contracts = h.chain.rights
    const theirs = await createAsset({
      ...clients(stranger),
      contracts,
      recordId: recordId(copy.record),
      kind: 'work',
    })
    await setTerms({ ...clients(stranger), contracts, assetId: theirs.assetId, terms: openTerms(usd(1)) })
    const path = `/v1/content/${contentHash}`
    expect((await h.putContent(creator.account, bytes)).status).toBe(201)

    // The stranger's asset locks nothing and takes no royalty: the creator's record is the earliest claim.
    const open = await fetch(`${h.server.url}${path}?use=training`)
    expect(open.status).toBe(200)
    expect(open.headers.get('rightflow-usage')).toBe('public')
    const unpaid = await fetch(`${h.server.url}/v1/paid/content/${contentHash}?use=inference`)
    expect(unpaid.status).toBe(402)
    const required = decodePaymentRequiredHeader(unpaid.headers.get('payment-required')!)
    expect(required.accepts.map((r) => r.extra.royalty)).toEqual(required.accepts.map(() => null))
  })

  it("lists the creator's earliest claim first and labels the stranger's as a later claim", async () => {
    const { contentHash, original } = await publicWork()
    const copy = await hijack(contentHash)
    const { items } = (await (await h.get(`/v1/records?contentHash=${contentHash}`)).json()) as {
      items: { id: Hex; claim: { earliest: boolean; earlierRecord: Hex | null } }[]
    }
    expect(items.map((r) => [r.id, r.claim])).toEqual([
      [original.id, { earliest: true, earlierRecord: null }],
      [copy.id, { earliest: false, earlierRecord: original.id }],
    ])
  })

  it("supersede on chain: the stranger's later asset stops selling", async () => {
    const { contentHash, original } = await publicWork()
    const copy = await hijack(contentHash)
    const contracts = h.chain.rights
    const buyer = await fundedActor(h.chain)
    await mintTestStablecoin({
      ...clients(buyer),
      token: contracts.paymentToken,
      to: buyer.account.address,
      amount: usd(5),
    })
    await supersedeAsset({
      ...clients(creator),
      contracts,
      assetId: copy.assetId,
      assetRecord: copy.record,
      earlierRecord: original.record,
    })
    expect(
      (await readAsset({ publicClient: h.chain.publicClient, contracts, assetId: copy.assetId }))
        ?.supersededBy,
    ).toBe(original.id)
    const refused = await buyLicense({
      ...clients(buyer),
      contracts,
      termsId: copy.termsId,
      use: 'inference',
      maxPrice: usd(1),
    }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(BaseError)
    expect((refused as BaseError).code).toBe('asset_superseded')
  })
})
