import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buyLicense,
  type ConsentGrant,
  checkUse,
  consentDigest,
  consentId,
  consentMessage,
  consentRegistryAbi,
  grantConsent,
  type Hex,
  listConsents,
  RegistryRevertError,
  revokeConsent,
  setTerms,
} from '../../src/index.js'
import { failure } from '../support/failure.js'
import { type Actor, openTerms, type RightsChain, startRightsChain } from '../support/rightsChain.js'

let chain: RightsChain
let dataOwner: Actor
let relayer: Actor
let grantee: Actor
let dataset: { assetId: Hex; vault: Hex }

beforeAll(async () => {
  chain = await startRightsChain()
  dataOwner = await chain.actor(0)
  relayer = await chain.actor(0)
  grantee = await chain.actor()
  dataset = await chain.newAsset(dataOwner, 'dataset')
})

afterAll(async () => {
  await chain?.stop()
})

const use = (account: Actor, aiUse: 'training' | 'inference' = 'training') =>
  checkUse({
    publicClient: chain.publicClient,
    consentRegistry: chain.contracts.consentRegistry,
    assetId: dataset.assetId,
    use: aiUse,
    account: account.account.address,
  })

async function window(): Promise<{ validFrom: number; validUntil: number }> {
  const now = await chain.now()
  return { validFrom: now - 60, validUntil: now + 3_600 }
}

describe('consent typed data', () => {
  it('consentId and consentDigest equal the contract’s', async () => {
    const consent: ConsentGrant = {
      assetId: dataset.assetId,
      grantee: grantee.account.address,
      use: 'generative-training',
      validFrom: 1_700_000_000,
      validUntil: 1_800_000_000,
      salt: `0x${'5a'.repeat(32)}`,
    }
    const read = {
      address: chain.contracts.consentRegistry,
      abi: consentRegistryAbi,
      args: [consentMessage(consent)],
    } as const
    const [onChainId, onChainDigest] = await Promise.all([
      chain.publicClient.readContract({ ...read, functionName: 'consentId' }),
      chain.publicClient.readContract({ ...read, functionName: 'consentDigest' }),
    ])
    expect(consentId(consent)).toBe(onChainId)
    const local = consentDigest({
      consent,
      chainId: chain.chainId,
      consentRegistry: chain.contracts.consentRegistry,
    })
    expect(local).toBe(onChainDigest)
    expect(local).not.toBe(onChainId)
  })
})

describe('granting and revoking consent', () => {
  let granted: Hex

  it('a grant signed by the owner and relayed by another account lets the grantee train on the dataset', async () => {
    expect(await use(grantee)).toEqual({ allowed: false, basis: 'none' })
    const ownerTxs = await chain.txCount(dataOwner)
    const relayerTxs = await chain.txCount(relayer)

    const result = await grantConsent({
      ...chain.clients(relayer),
      signer: dataOwner.account,
      consent: {
        assetId: dataset.assetId,
        grantee: grantee.account.address,
        use: 'training',
        ...(await window()),
      },
    })
    granted = result.consentId

    expect(result.consentId).toBe(consentId(result.consent))
    expect(result.consent.salt).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await chain.txCount(dataOwner)).toBe(ownerTxs)
    expect(await chain.txCount(relayer)).toBe(relayerTxs + 1)
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: result.txHash })
    expect(receipt.from).toBe(relayer.account.address.toLowerCase())

    expect(await use(grantee)).toEqual({ allowed: true, basis: 'consent', consentId: result.consentId })
    expect(await use(grantee, 'inference')).toEqual({ allowed: false, basis: 'none' })
    expect(await use(relayer)).toEqual({ allowed: false, basis: 'none' })

    const listed = await listConsents({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      ...dataset,
    })
    expect(listed).toEqual([
      {
        consentId: result.consentId,
        assetId: dataset.assetId,
        grantee: grantee.account.address,
        use: 'training',
        validFrom: result.consent.validFrom,
        validUntil: result.consent.validUntil,
        salt: result.consent.salt,
        grantor: dataOwner.account.address,
        revoked: false,
        active: true,
      },
    ])
  })

  it('replaying the same signed grant maps to consent_exists', async () => {
    const [record] = await listConsents({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      ...dataset,
    })
    const { consentId: _id, grantor: _grantor, revoked: _revoked, active: _active, ...consent } = record!
    const error = await failure(
      grantConsent({ ...chain.clients(relayer), signer: dataOwner.account, consent }),
    )
    expect(error.code).toBe('consent_exists')
  })

  it('revokeConsent ends the consent', async () => {
    await revokeConsent({ ...chain.clients(dataOwner), consentId: granted })
    expect(await use(grantee)).toEqual({ allowed: false, basis: 'none' })
    const [record] = await listConsents({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      ...dataset,
    })
    expect(record).toMatchObject({ consentId: granted, revoked: true, active: false })

    const again = await failure(revokeConsent({ ...chain.clients(dataOwner), consentId: granted }))
    expect(again.code).toBe('consent_already_revoked')
  })

  it('the owner may sign and submit a grant itself', async () => {
    const result = await grantConsent({
      ...chain.clients(dataOwner),
      consent: {
        assetId: dataset.assetId,
        grantee: grantee.account.address,
        use: 'inference',
        ...(await window()),
      },
    })
    expect(await use(grantee, 'inference')).toEqual({
      allowed: true,
      basis: 'consent',
      consentId: result.consentId,
    })
  })

  it('a license counts before a consent', async () => {
    const { termsId } = await setTerms({
      ...chain.clients(dataOwner),
      assetId: dataset.assetId,
      terms: openTerms(0n),
    })
    const { licenseId } = await buyLicense({
      ...chain.clients(grantee),
      termsId,
      use: 'inference',
      maxPrice: 0n,
    })
    expect(await use(grantee, 'inference')).toEqual({ allowed: true, basis: 'license', licenseId })
  })
})

describe('refused grants map to registry errors', () => {
  it('invalid_signature when the signer does not own the dataset', async () => {
    const consent = {
      assetId: dataset.assetId,
      grantee: grantee.account.address,
      use: 'training' as const,
      ...(await window()),
    }
    const error = await failure(grantConsent({ ...chain.clients(relayer), signer: grantee.account, consent }))
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe('invalid_signature')
  })

  it('not_a_dataset for a work', async () => {
    const work = await chain.newAsset(dataOwner, 'work')
    const consent = {
      assetId: work.assetId,
      grantee: grantee.account.address,
      use: 'training' as const,
      ...(await window()),
    }
    const error = await failure(grantConsent({ ...chain.clients(dataOwner), consent }))
    expect(error.code).toBe('not_a_dataset')
  })

  it('invalid_window for a window already over', async () => {
    const now = await chain.now()
    const consent = {
      assetId: dataset.assetId,
      grantee: grantee.account.address,
      use: 'training' as const,
      validFrom: now - 100,
      validUntil: now - 10,
    }
    const error = await failure(grantConsent({ ...chain.clients(dataOwner), consent }))
    expect(error.code).toBe('invalid_window')
  })

  it('not_data_owner when a stranger revokes', async () => {
    const result = await grantConsent({
      ...chain.clients(dataOwner),
      consent: {
        assetId: dataset.assetId,
        grantee: grantee.account.address,
        use: 'data-mining',
        ...(await window()),
      },
    })
    const error = await failure(revokeConsent({ ...chain.clients(relayer), consentId: result.consentId }))
    expect(error.code).toBe('not_data_owner')
  })
})
