import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buyLicense,
  checkLicense,
  checkUse,
  type Hex,
  InvalidTermsError,
  licenseIdOf,
  listLicenses,
  listTerms,
  RegistryRevertError,
  readAsset,
  readPaymentBalance,
  readTerms,
  setTerms,
  testStablecoinAbi,
} from '../../src/index.js'
import { failure } from '../support/failure.js'
import { type Actor, openTerms, type RightsChain, startRightsChain, usd } from '../support/rightsChain.js'

let chain: RightsChain
let owner: Actor
let buyer: Actor
let other: Actor
let asset: { assetId: Hex; vault: Hex }
let termsId: bigint
const price = usd(0.25)

beforeAll(async () => {
  chain = await startRightsChain()
  owner = await chain.actor(0)
  buyer = await chain.actor()
  other = await chain.actor()
  asset = await chain.newAsset(owner)
  ;({ termsId } = await setTerms({
    ...chain.clients(owner),
    assetId: asset.assetId,
    terms: openTerms(price),
  }))
})

afterAll(async () => {
  await chain?.stop()
})

const balance = (account: Hex) =>
  readPaymentBalance({ publicClient: chain.publicClient, token: chain.contracts.paymentToken, account })

describe('assets and terms', () => {
  it('readAsset returns the asset created from a record, owned by its creator', async () => {
    const read = await readAsset({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      assetId: asset.assetId,
    })
    expect(read).toMatchObject({
      assetId: asset.assetId,
      owner: owner.account.address,
      kind: 'work',
      parents: [],
    })
    expect(read!.vault).toBe(asset.vault)
    expect(read!.createdAt).toBeGreaterThan(0)
  })

  it('readAsset returns undefined for a record that is not an asset', async () => {
    const assetId: Hex = `0x${'ab'.repeat(32)}`
    expect(
      await readAsset({ publicClient: chain.publicClient, contracts: chain.contracts, assetId }),
    ).toBeUndefined()
  })

  it('readTerms and listTerms decode the terms setTerms published', async () => {
    const read = await readTerms({ publicClient: chain.publicClient, contracts: chain.contracts, termsId })
    expect(read).toEqual({
      termsId,
      assetId: asset.assetId,
      retired: false,
      sold: 0,
      terms: openTerms(price),
    })
    const listed = await listTerms({ publicClient: chain.publicClient, contracts: chain.contracts, ...asset })
    expect(listed).toEqual([read])
    expect(
      await readTerms({
        publicClient: chain.publicClient,
        contracts: chain.contracts,
        termsId: termsId + 1000n,
      }),
    ).toBeUndefined()
  })

  it('setTerms refuses inconsistent terms before sending anything', async () => {
    const before = await chain.txCount(owner)
    const terms = openTerms(0n, { derivativesAllowed: false, derivativeRevenueShareBps: 500 })
    const error = await failure(setTerms({ ...chain.clients(owner), assetId: asset.assetId, terms }))
    expect(error).toBeInstanceOf(InvalidTermsError)
    expect(error.code).toBe('invalid_terms')
    expect(await chain.txCount(owner)).toBe(before)
  })

  it('setTerms by someone other than the owner maps to not_asset_owner', async () => {
    const error = await failure(
      setTerms({ ...chain.clients(buyer), assetId: asset.assetId, terms: openTerms(0n) }),
    )
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe('not_asset_owner')
  })
})

describe('buying licenses', () => {
  it('buys with a permit in a single transaction, and checkUse answers with the license', async () => {
    const [txsBefore, permitNonce, paidBefore, vaultBefore] = await Promise.all([
      chain.txCount(buyer),
      permitNonceOf(buyer),
      balance(buyer.account.address),
      balance(asset.vault),
    ])
    const bought = await buyLicense({ ...chain.clients(buyer), termsId, use: 'inference', maxPrice: price })

    expect(bought.authorization).toBe('permit')
    expect(bought.licenseId).toBe(licenseIdOf(termsId, 'inference'))
    expect(bought.price).toBe(price)
    expect(bought.assetId).toBe(asset.assetId)
    expect(await chain.txCount(buyer)).toBe(txsBefore + 1)
    expect(await permitNonceOf(buyer)).toBe(permitNonce + 1n)
    expect(await balance(buyer.account.address)).toBe(paidBefore - price)
    expect(await balance(asset.vault)).toBe(vaultBefore + price)

    const answer = await checkUse({
      publicClient: chain.publicClient,
      consentRegistry: chain.contracts.consentRegistry,
      assetId: asset.assetId,
      use: 'inference',
      account: buyer.account.address,
    })
    expect(answer).toEqual({ allowed: true, basis: 'license', licenseId: bought.licenseId })
    const license = await checkLicense({
      ...reads(),
      assetId: asset.assetId,
      use: 'inference',
      account: buyer.account.address,
    })
    expect(license).toEqual({ licensed: true, licenseId: bought.licenseId })
    const held = await listLicenses({ ...reads(), account: buyer.account.address })
    expect(held).toEqual([
      {
        licenseId: bought.licenseId,
        termsId,
        use: 'inference',
        assetId: asset.assetId,
        balance: 1n,
        valid: true,
        expiresAt: 0,
      },
    ])
    expect((await readTerms({ ...reads(), termsId }))!.sold).toBe(1)
  })

  it('without a permit, another account approves exactly the price and then buys', async () => {
    const account = other.account.address
    const before = await checkUse({
      publicClient: chain.publicClient,
      consentRegistry: chain.contracts.consentRegistry,
      assetId: asset.assetId,
      use: 'training',
      account,
    })
    expect(before).toEqual({ allowed: false, basis: 'none' })
    expect(await checkLicense({ ...reads(), assetId: asset.assetId, use: 'training', account })).toEqual({
      licensed: false,
      licenseId: undefined,
    })

    const paidBefore = await balance(account)
    const bought = await buyLicense({
      ...chain.clients(other),
      termsId,
      use: 'training',
      maxPrice: usd(1),
      permit: false,
    })
    expect(bought.authorization).toBe('approval')
    expect(bought.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(bought.price).toBe(price)
    expect(await allowanceOf(other)).toBe(0n) // approved exactly the price, all of it spent
    expect(await balance(account)).toBe(paidBefore - price)
    const after = await checkUse({
      publicClient: chain.publicClient,
      consentRegistry: chain.contracts.consentRegistry,
      assetId: asset.assetId,
      use: 'training',
      account,
    })
    expect(after).toEqual({ allowed: true, basis: 'license', licenseId: licenseIdOf(termsId, 'training') })
  })

  it('mints to a recipient other than the payer', async () => {
    const recipient = await chain.actor(0)
    const bought = await buyLicense({
      ...chain.clients(buyer),
      termsId,
      use: 'data-mining',
      maxPrice: price,
      recipient: recipient.account.address,
    })
    const held = await listLicenses({
      ...reads(),
      account: recipient.account.address,
      assetId: asset.assetId,
    })
    expect(held.map((l) => l.licenseId)).toEqual([bought.licenseId])
    const payerHeld = await listLicenses({ ...reads(), account: buyer.account.address })
    expect(payerHeld.map((l) => l.licenseId)).not.toContain(bought.licenseId)
  })

  it('takes a free license without any authorisation', async () => {
    const free = openTerms(0n)
    const { termsId: freeTerms } = await setTerms({
      ...chain.clients(owner),
      assetId: asset.assetId,
      terms: free,
    })
    const newcomer = await chain.actor(0)
    const bought = await buyLicense({
      ...chain.clients(newcomer),
      termsId: freeTerms,
      use: 'inference',
      maxPrice: 0n,
    })
    expect(bought).toMatchObject({ price: 0n, authorization: 'allowance' })
    expect(await chain.txCount(newcomer)).toBe(1)
    expect(await permitNonceOf(newcomer)).toBe(0n)
  })

  it('spends an existing allowance instead of asking for a new one', async () => {
    const payer = await chain.actor()
    const approval = await payer.walletClient.writeContract({
      chain: payer.walletClient.chain,
      account: payer.account,
      address: chain.contracts.paymentToken,
      abi: testStablecoinAbi,
      functionName: 'approve',
      args: [chain.contracts.assetRegistry, price],
    })
    // Mined before the purchase looks: unawaited, a loaded chain sometimes answered the purchase's simulation
    // without the allowance, and the buyer signed a permit instead (a flaky test, not a flaky buyLicense).
    await chain.publicClient.waitForTransactionReceipt({ hash: approval })
    const bought = await buyLicense({ ...chain.clients(payer), termsId, use: 'inference', maxPrice: price })
    expect(bought.authorization).toBe('allowance')
    expect(await permitNonceOf(payer)).toBe(0n)
  })
})

function reads() {
  return { publicClient: chain.publicClient, contracts: chain.contracts }
}

function permitNonceOf(actor: Actor): Promise<bigint> {
  return chain.publicClient.readContract({
    address: chain.contracts.paymentToken,
    abi: testStablecoinAbi,
    functionName: 'nonces',
    args: [actor.account.address],
  })
}

function allowanceOf(actor: Actor): Promise<bigint> {
  return chain.publicClient.readContract({
    address: chain.contracts.paymentToken,
    abi: testStablecoinAbi,
    functionName: 'allowance',
    args: [actor.account.address, chain.contracts.assetRegistry],
  })
}
