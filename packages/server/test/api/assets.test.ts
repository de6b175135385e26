import {
  buyLicense,
  consentDomain,
  consentMessage,
  consentTypes,
  createAsset,
  type Hex,
  mintTestStablecoin,
  payRoyalty,
  setTerms,
} from '@rightflow/sdk'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { fundedActor, openTerms, usd } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

type Actor = { account: LocalAccount; walletClient: WalletClient }

describe('the License layer over HTTP', () => {
  let h: Harness
  let owner: Actor
  let ai: Actor
  let work: Hex
  let dataset: Hex
  let licenseId: bigint

  const clients = (actor: Actor) => ({ publicClient: h.chain.publicClient, walletClient: actor.walletClient })
  const json = async (path: string) => {
    const response = await h.get(path)
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const assetOf = async (actor: Actor, kind: 'work' | 'dataset') => {
    const signed = await makeSigned(actor.account, h.domain)
    const { id } = (await (await h.post('/v1/records', submission(signed, { mode: 'direct' }))).json()) as {
      id: Hex
    }
    return (await createAsset({ ...clients(actor), contracts: h.chain.rights, recordId: id, kind })).assetId
  }

  beforeAll(async () => {
    h = await startHarness()
    owner = await fundedActor(h.chain)
    ai = await fundedActor(h.chain)
    work = await assetOf(owner, 'work')
    dataset = await assetOf(owner, 'dataset')
    const contracts = h.chain.rights
    const { termsId } = await setTerms({
      ...clients(owner),
      contracts,
      assetId: work,
      terms: openTerms(usd(3)),
    })
    await mintTestStablecoin({
      ...clients(ai),
      token: contracts.paymentToken,
      to: ai.account.address,
      amount: usd(20),
    })
    ;({ licenseId } = await buyLicense({
      ...clients(ai),
      contracts,
      termsId,
      use: 'inference',
      maxPrice: usd(3),
    }))
    await payRoyalty({ ...clients(ai), contracts, assetId: work, amount: usd(7) })
  })
  afterAll(() => h?.stop())

  it('publishes where the contracts are', async () => {
    const { status, body } = await json('/v1/rights')
    expect(status).toBe(200)
    expect(body).toEqual({ chainId: h.chain.chainId, ...h.chain.rights })
    expect((await json('/health')).body.chain).toMatchObject({ rights: h.chain.rights })
  })

  it('shows an asset with its owner, vault and terms, amounts as exact strings', async () => {
    const { body } = await json(`/v1/assets/${work}`)
    expect(body).toMatchObject({ assetId: work, owner: owner.account.address, kind: 'work', parents: [] })
    const [terms] = body.terms as { sold: number; terms: { uses: { inference: { price: string } } } }[]
    expect(terms).toMatchObject({
      sold: 1,
      terms: { uses: { inference: { allowed: true, price: '3000000' } } },
    })
  })

  it('answers license checks and lists the licenses an account holds', async () => {
    const yes = await json(`/v1/assets/${work}/check?use=inference&account=${ai.account.address}`)
    expect(yes.body).toMatchObject({ allowed: true, basis: 'license', licenseId: licenseId.toString() })
    const no = await json(`/v1/assets/${work}/check?use=training&account=${ai.account.address}`)
    expect(no.body).toMatchObject({ allowed: false, basis: 'none' })
    const held = await json(`/v1/licenses?account=${ai.account.address}`)
    expect(held.body.licenses).toEqual([
      expect.objectContaining({ licenseId: licenseId.toString(), use: 'inference', valid: true }),
    ])
  })

  it('reports royalties: the license fee and the royalty, all claimable by the sole holder', async () => {
    const { body } = await json(`/v1/assets/${work}/royalties?account=${owner.account.address}`)
    expect(body).toMatchObject({ claimable: usd(10).toString(), received: usd(10).toString() })
  })

  it('relays a consent signed by the data owner, and checkUse honours it', async () => {
    const now = Math.floor(Date.now() / 1000)
    const consent = {
      assetId: dataset,
      grantee: ai.account.address,
      use: 'training' as const,
      validFrom: now - 60,
      validUntil: now + 3600,
      salt: `0x${'07'.repeat(32)}` as Hex,
    }
    const signature = await owner.account.signTypedData({
      domain: consentDomain({ chainId: h.chain.chainId, consentRegistry: h.chain.rights.consentRegistry }),
      types: consentTypes,
      primaryType: 'Consent',
      message: consentMessage(consent),
    })
    const relayed = await h.post('/v1/consents', { consent, signature })
    expect(relayed.status).toBe(201)
    const { consentId } = (await relayed.json()) as { consentId: Hex }
    const check = await json(`/v1/assets/${dataset}/check?use=training&account=${ai.account.address}`)
    expect(check.body).toMatchObject({ allowed: true, basis: 'consent', consentId })
    const listed = await json(`/v1/assets/${dataset}/consents`)
    expect(listed.body.consents).toEqual([
      expect.objectContaining({ consentId, active: true, revoked: false }),
    ])

    const replay = await h.post('/v1/consents', { consent, signature })
    expect(await replay.json()).toMatchObject({ code: 'consent_exists', status: 422 })
    const forged = await h.post('/v1/consents', { consent: { ...consent, use: 'inference' }, signature })
    expect(await forged.json()).toMatchObject({ code: 'invalid_signature' })
  })

  it('refuses bad parameters with stable codes', async () => {
    expect((await json('/v1/assets/0x12')).body).toMatchObject({ code: 'invalid_asset_id', status: 400 })
    expect((await json(`/v1/assets/0x${'00'.repeat(32)}`)).body).toMatchObject({ code: 'asset_not_found' })
    expect(
      (await json(`/v1/assets/${work}/check?use=eating&account=${ai.account.address}`)).body,
    ).toMatchObject({
      code: 'invalid_use',
    })
    expect((await json(`/v1/assets/${work}/check?use=inference&account=bob`)).body).toMatchObject({
      code: 'invalid_address',
    })
    const badConsent = await h.post('/v1/consents', { consent: { assetId: dataset }, signature: '0x00' })
    expect(await badConsent.json()).toMatchObject({ code: 'invalid_request' })
  })
})
