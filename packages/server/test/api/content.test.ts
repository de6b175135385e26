import { randomBytes } from 'node:crypto'
import {
  buyLicense,
  createAsset,
  type Hex,
  mintTestStablecoin,
  setTerms,
  sha256Bytes,
  signApiRequest,
} from '@rightflow/sdk'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { fundedActor, openTerms, usd } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

describe('the bytes of works, behind licenses', () => {
  let h: Harness
  let creator: { account: LocalAccount; walletClient: WalletClient }
  let ai: { account: LocalAccount; walletClient: WalletClient }
  let bytes: Uint8Array
  let contentHash: Hex
  let recordId: Hex

  const signed = (account: LocalAccount, method: string, path: string, body?: Uint8Array, now?: number) =>
    signApiRequest({ account, domain: h.domain, method, path, body, ...(now ? { now } : {}) })
  const fetchContent = async (path: string, authorization?: string) =>
    fetch(`${h.server.url}${path}`, authorization ? { headers: { authorization } } : {})
  const put = async (path: string, body: Uint8Array, authorization?: string) =>
    fetch(`${h.server.url}${path}`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/octet-stream', ...(authorization ? { authorization } : {}) },
    })

  beforeAll(async () => {
    h = await startHarness()
    creator = await fundedActor(h.chain)
    ai = await fundedActor(h.chain)
    bytes = new Uint8Array(randomBytes(4096))
    contentHash = sha256Bytes(bytes)
    const record = await makeSigned(creator.account, h.domain, { contentHash })
    recordId = (
      (await (await h.post('/v1/records', submission(record, { mode: 'direct' }))).json()) as { id: Hex }
    ).id
  })
  afterAll(() => h?.stop())

  it('stores bytes only from the creator of a record of them, signed, and only bytes that match', async () => {
    const path = `/v1/content/${contentHash}`
    expect((await put(path, bytes)).status).toBe(401)
    const stranger = await put(path, bytes, await signed(ai.account, 'PUT', path, bytes))
    expect(stranger.status).toBe(403)
    expect(await stranger.json()).toMatchObject({ code: 'not_record_creator' })
    const other = new Uint8Array(randomBytes(4096))
    const wrong = await put(path, other, await signed(creator.account, 'PUT', path, other))
    expect(await wrong.json()).toMatchObject({ code: 'content_mismatch', status: 422 })
    // A signature over other bytes does not authorise these.
    const swapped = await put(path, bytes, await signed(creator.account, 'PUT', path, other))
    expect(await swapped.json()).toMatchObject({ code: 'invalid_request_signature', status: 401 })
    const ok = await put(path, bytes, await signed(creator.account, 'PUT', path, bytes))
    expect(ok.status).toBe(201)
  })

  it('serves unprotected works to anyone', async () => {
    const response = await fetchContent(`/v1/content/${contentHash}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('rightflow-usage')).toBe('public')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
  })

  it('refuses a protected work for a use the caller holds no license for, and serves it once licensed', async () => {
    const contracts = h.chain.rights
    const { assetId } = await createAsset({ ...clients(creator), contracts, recordId, kind: 'work' })
    const { termsId } = await setTerms({ ...clients(creator), contracts, assetId, terms: openTerms(usd(2)) })
    const path = `/v1/content/${contentHash}?use=training`

    expect(await (await fetchContent(`/v1/content/${contentHash}`)).json()).toMatchObject({
      code: 'invalid_use',
    })
    const anonymous = await fetchContent(path)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Rightflow-EIP712')
    const unlicensed = await fetchContent(path, await signed(ai.account, 'GET', path))
    expect(unlicensed.status).toBe(403)
    const problem = (await unlicensed.json()) as { code: string; assetId: Hex; offers: { termsId: string }[] }
    expect(problem).toMatchObject({ code: 'license_required', assetId, use: 'training' })
    expect(problem.offers.map((o) => o.termsId)).toEqual([termsId.toString()])

    await mintTestStablecoin({
      ...clients(ai),
      token: contracts.paymentToken,
      to: ai.account.address,
      amount: usd(5),
    })
    const { licenseId } = await buyLicense({
      ...clients(ai),
      contracts,
      termsId,
      use: 'training',
      maxPrice: usd(2),
    })
    const authorization = await signed(ai.account, 'GET', path)
    const licensed = await fetchContent(path, authorization)
    expect(licensed.status).toBe(200)
    expect(licensed.headers.get('rightflow-usage')).toBe(`${assetId};basis=license;ref=${licenseId}`)
    expect(new Uint8Array(await licensed.arrayBuffer())).toEqual(bytes)

    const replayed = await fetchContent(path, authorization)
    expect(await replayed.json()).toMatchObject({ code: 'nonce_reused', status: 401 })
    const otherUse = `/v1/content/${contentHash}?use=inference`
    expect((await fetchContent(otherUse, await signed(ai.account, 'GET', otherUse))).status).toBe(403)
    // A signature over one use cannot be sent with another.
    const tampered = await fetchContent(otherUse, await signed(ai.account, 'GET', path))
    expect(await tampered.json()).toMatchObject({ code: 'invalid_request_signature' })

    const owner = await fetchContent(otherUse, await signed(creator.account, 'GET', otherUse))
    expect(owner.headers.get('rightflow-usage')).toBe(`${assetId};basis=owner`)
  })

  it('refuses expired, malformed and overlong signatures with stable codes', async () => {
    const path = `/v1/content/${contentHash}?use=training`
    const old = await signed(ai.account, 'GET', path, undefined, Math.floor(Date.now() / 1000) - 3600)
    expect(await (await fetchContent(path, old)).json()).toMatchObject({ code: 'authorization_expired' })
    expect(await (await fetchContent(path, 'Bearer abc')).json()).toMatchObject({
      code: 'malformed_authorization',
    })
    const forged = (await signed(ai.account, 'GET', path)).replace(
      /signature=0x[0-9a-f]+/,
      `signature=0x${'11'.repeat(65)}`,
    )
    expect(await (await fetchContent(path, forged)).json()).toMatchObject({
      code: 'invalid_request_signature',
    })
    expect(await (await fetchContent(`/v1/content/0x1234?use=training`)).json()).toMatchObject({
      code: 'invalid_request',
    })
    const missing = `/v1/content/0x${'ab'.repeat(32)}`
    expect(await (await fetchContent(missing)).json()).toMatchObject({
      code: 'content_not_found',
      status: 404,
    })
  })

  function clients(actor: { walletClient: WalletClient }) {
    return { publicClient: h.chain.publicClient, walletClient: actor.walletClient }
  }
})
