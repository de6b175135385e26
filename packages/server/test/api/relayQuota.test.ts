import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  consentDomain,
  consentMessage,
  consentTypes,
  createAsset,
  type Hex,
  recordId,
  registerRecordOnChain,
} from '@rightflow/sdk'
import type { Address, LocalAccount } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/logger.js'
import { type DevChain, startDevChain } from '../support/devChain.js'
import { makeSigned, randomHash } from '../support/records.js'
import { fundedActor } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

describe('open gas relayer: direct registrations and relayed grants stay within a daily quota per account', () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'rf-quota-')), 'rightflow.db')
  const relay = { quotaPerDay: 2, minBalance: 10n ** 30n }
  let chain: DevChain
  let h: Harness
  let relayer: Address

  beforeAll(async () => {
    chain = await startDevChain()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
    relayer = h.server.chain.walletClient.account!.address
  })
  afterAll(async () => {
    await h?.stop()
    await chain?.stop()
  })

  const relayerNonce = () => chain.publicClient.getTransactionCount({ address: relayer })
  const registerDirect = async (creator: LocalAccount, parents: Hex[] = []) =>
    h.post(
      '/v1/records',
      submission(
        await makeSigned(creator, h.domain, { origin: parents.length ? 'composite' : 'human', parents }),
        {
          mode: 'direct',
        },
      ),
    )
  /** Records anchored in a Merkle batch only: a direct child must prove each on chain first. */
  const batchAnchored = async (count: number) => {
    const ids: Hex[] = []
    for (let i = 0; i < count; i++) {
      const signed = await makeSigned(h.account, h.domain)
      expect((await h.post('/v1/records', submission(signed))).status).toBe(202)
      ids.push(recordId(signed.record))
    }
    await h.anchorNow()
    return ids.sort()
  }
  /** A dataset asset owned by a funded account that put its record on chain itself (no relay quota used). */
  const datasetOwnedByNewAccount = async () => {
    const owner = await fundedActor(chain)
    const signed = await makeSigned(owner.account, h.domain)
    const clients = { publicClient: chain.publicClient, walletClient: owner.walletClient }
    await registerRecordOnChain({ ...clients, registry: chain.registry, signed })
    const recordOnChain = recordId(signed.record)
    const { assetId } = await createAsset({
      ...clients,
      contracts: chain.rights,
      recordId: recordOnChain,
      kind: 'dataset',
    })
    return { owner: owner.account, assetId }
  }
  const signedConsent = async (owner: LocalAccount, assetId: Hex) => {
    const consent = {
      assetId,
      grantee: privateKeyToAccount(generatePrivateKey()).address,
      use: 'training' as const,
      validFrom: 0,
      validUntil: 2 ** 40,
      salt: randomHash(),
    }
    const signature = await owner.signTypedData({
      domain: consentDomain({ chainId: chain.chainId, consentRegistry: chain.rights.consentRegistry }),
      types: consentTypes,
      primaryType: 'Consent',
      message: consentMessage(consent),
    })
    return { consent, signature }
  }

  it('refuses a direct registration past the quota with 429 relay_quota_exceeded, before any gas is spent', async () => {
    const creator = privateKeyToAccount(generatePrivateKey()) // holds no ETH
    expect((await registerDirect(creator)).status).toBe(201)
    expect((await registerDirect(creator)).status).toBe(201)
    const nonce = await relayerNonce()
    const refused = await registerDirect(creator)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(await refused.json()).toMatchObject({ status: 429, code: 'relay_quota_exceeded', limit: 2 })
    expect(await relayerNonce()).toBe(nonce)
    // Another account has its own quota; batch mode (anchored in Merkle batches) has none.
    expect((await registerDirect(privateKeyToAccount(generatePrivateKey()))).status).toBe(201)
    expect((await h.post('/v1/records', submission(await makeSigned(creator, h.domain)))).status).toBe(202)
  })

  it('counts relayed consent grants against the same quota, and keeps counting across a restart', async () => {
    // A dataset owner (a grant the contract would accept), whose own registrations use up the quota.
    const { owner: creator, assetId } = await datasetOwnedByNewAccount()
    expect((await registerDirect(creator)).status).toBe(201)
    expect((await registerDirect(creator)).status).toBe(201)
    await h.stop()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
    const nonce = await relayerNonce()
    expect((await registerDirect(creator)).status).toBe(429)
    const granted = await h.post('/v1/consents', await signedConsent(creator, assetId))
    expect(granted.status).toBe(429)
    expect(await granted.json()).toMatchObject({ code: 'relay_quota_exceeded' })
    expect(await relayerNonce()).toBe(nonce)
  })

  it('parent proofs are paid for: a direct registration needing 2 parent proofs takes 3 units, refused whole when they do not fit', async () => {
    const [first, second] = await batchAnchored(2)
    const creator = privateKeyToAccount(generatePrivateKey())
    const nonce = await relayerNonce()
    const refused = await registerDirect(creator, [first!, second!])
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ code: 'relay_quota_exceeded', limit: 2, needed: 3 })
    expect(await relayerNonce()).toBe(nonce) // neither parent proven, nothing registered
    // One parent to prove and the record: two transactions, two units, the whole quota.
    expect((await registerDirect(creator, [first!])).status).toBe(201)
    expect(await relayerNonce()).toBe(nonce + 2)
    expect((await registerDirect(creator)).status).toBe(429)
    // A parent already on chain costs nothing more.
    expect((await registerDirect(privateKeyToAccount(generatePrivateKey()), [first!])).status).toBe(201)
    expect(await relayerNonce()).toBe(nonce + 3)
  })

  it('parallel copies of one direct registration: one is sent and charged, the others 409 record_exists without gas', async () => {
    const creator = privateKeyToAccount(generatePrivateKey())
    const copy = submission(await makeSigned(creator, h.domain), { mode: 'direct' })
    const nonce = await relayerNonce()
    const answers = await Promise.all([1, 2, 3].map(() => h.post('/v1/records', copy)))
    const codes = await Promise.all(
      answers.map(async (a) => (a.status === 201 ? 201 : ((await a.json()) as { code: string }).code)),
    )
    expect(codes.sort()).toEqual([201, 'record_exists', 'record_exists'].sort())
    expect(await relayerNonce()).toBe(nonce + 1)
    expect((await registerDirect(creator)).status).toBe(201) // the second unit is still the creator's
  })

  it("replaying a used consent signature does not burn the dataset owner's quota", async () => {
    const { owner, assetId } = await datasetOwnedByNewAccount()
    const grant = await signedConsent(owner, assetId)
    expect((await h.post('/v1/consents', grant)).status).toBe(201)
    const nonce = await relayerNonce()
    for (let i = 0; i < 3; i++) {
      const replay = await h.post('/v1/consents', grant)
      expect(await replay.json()).toMatchObject({ status: 422, code: 'consent_exists' })
    }
    expect(await relayerNonce()).toBe(nonce)
    // The owner's second unit is still theirs.
    expect((await h.post('/v1/consents', await signedConsent(owner, assetId))).status).toBe(201)
  })

  it('parallel copies of one consent signature: one is sent and charged, the others refused without gas', async () => {
    const { owner, assetId } = await datasetOwnedByNewAccount()
    const grant = await signedConsent(owner, assetId)
    const nonce = await relayerNonce()
    const answers = await Promise.all([1, 2, 3].map(() => h.post('/v1/consents', grant)))
    const codes = await Promise.all(
      answers.map(async (a) => (a.status === 201 ? 201 : ((await a.json()) as { code: string }).code)),
    )
    expect(codes.sort()).toEqual([201, 'consent_exists', 'consent_exists'].sort())
    expect(await relayerNonce()).toBe(nonce + 1)
    expect((await h.post('/v1/consents', await signedConsent(owner, assetId))).status).toBe(201)
  })

  it('warns on /health when the relayer balance is below the floor (degraded, still serving)', async () => {
    const health = await h.get('/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      degraded: ['relayer_balance_low'],
      relayer: { address: relayer, minBalance: relay.minBalance.toString() },
    })
  })
})

describe('Sybil relay: fresh accounts together stop at the server-wide daily cap', () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'rf-cap-')), 'rightflow.db')
  const relay = { quotaPerDay: 2, dailyCap: 3 }
  let chain: DevChain
  let h: Harness

  beforeAll(async () => {
    chain = await startDevChain()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
  })
  afterAll(async () => {
    await h?.stop()
    await chain?.stop()
  })

  const registerDirect = async () => {
    const creator = privateKeyToAccount(generatePrivateKey()) // a new account each time: free to make
    return h.post('/v1/records', submission(await makeSigned(creator, h.domain), { mode: 'direct' }))
  }

  it('refuses the next new account with 429 relay_capacity_exceeded before any gas, also after a restart', async () => {
    const relayer = h.server.chain.walletClient.account!.address
    const relayerNonce = () => chain.publicClient.getTransactionCount({ address: relayer })
    for (let i = 0; i < 3; i++) expect((await registerDirect()).status).toBe(201)
    const nonce = await relayerNonce()
    const refused = await registerDirect()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(await refused.json()).toMatchObject({
      status: 429,
      code: 'relay_capacity_exceeded',
      scope: 'server',
      limit: 3,
      needed: 1,
    })
    await h.stop()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
    expect(await (await registerDirect()).json()).toMatchObject({ code: 'relay_capacity_exceeded' })
    expect(await relayerNonce()).toBe(nonce)
  })
})
