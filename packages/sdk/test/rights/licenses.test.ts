import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BaseError,
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
  retireTerms,
  setTerms,
  testStablecoinAbi,
} from '../../src/index.js'
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
  ;({ termsId } = await setTerms({ ...clients(owner), assetId: asset.assetId, terms: openTerms(price) }))
})

afterAll(async () => {
  await chain?.stop()
})

function clients(actor: Actor) {
  return { publicClient: chain.publicClient, walletClient: actor.walletClient, contracts: chain.contracts }
}

const txCount = (actor: Actor) => chain.publicClient.getTransactionCount({ address: actor.account.address })
const balance = (account: Hex) =>
  readPaymentBalance({ publicClient: chain.publicClient, token: chain.contracts.paymentToken, account })

/** The error a promise rejects with, which must be a Rightflow BaseError. */
async function failure(promise: Promise<unknown>): Promise<BaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BaseError)
  return error as BaseError
}

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
    const before = await txCount(owner)
    const terms = openTerms(0n, { derivativesAllowed: false, derivativeRevenueShareBps: 500 })
    const error = await failure(setTerms({ ...clients(owner), assetId: asset.assetId, terms }))
    expect(error).toBeInstanceOf(InvalidTermsError)
    expect(error.code).toBe('invalid_terms')
    expect(await txCount(owner)).toBe(before)
  })

  it('setTerms by someone other than the owner maps to not_asset_owner', async () => {
    const error = await failure(setTerms({ ...clients(buyer), assetId: asset.assetId, terms: openTerms(0n) }))
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe('not_asset_owner')
  })
})

describe('buying licenses', () => {
  it('buys with a permit in a single transaction, and checkUse answers with the license', async () => {
    const [txsBefore, permitNonce, paidBefore, vaultBefore] = await Promise.all([
      txCount(buyer),
      permitNonceOf(buyer),
      balance(buyer.account.address),
      balance(asset.vault),
    ])
    const bought = await buyLicense({ ...clients(buyer), termsId, use: 'inference', maxPrice: price })

    expect(bought.authorization).toBe('permit')
    expect(bought.licenseId).toBe(licenseIdOf(termsId, 'inference'))
    expect(bought.price).toBe(price)
    expect(bought.assetId).toBe(asset.assetId)
    expect(await txCount(buyer)).toBe(txsBefore + 1)
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
      ...clients(other),
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
      ...clients(buyer),
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
    const { termsId: freeTerms } = await setTerms({ ...clients(owner), assetId: asset.assetId, terms: free })
    const newcomer = await chain.actor(0)
    const bought = await buyLicense({
      ...clients(newcomer),
      termsId: freeTerms,
      use: 'inference',
      maxPrice: 0n,
    })
    expect(bought).toMatchObject({ price: 0n, authorization: 'allowance' })
    expect(await txCount(newcomer)).toBe(1)
    expect(await permitNonceOf(newcomer)).toBe(0n)
  })

  it('spends an existing allowance instead of asking for a new one', async () => {
    const payer = await chain.actor()
    await payer.walletClient.writeContract({
      chain: payer.walletClient.chain,
      account: payer.account,
      address: chain.contracts.paymentToken,
      abi: testStablecoinAbi,
      functionName: 'approve',
      args: [chain.contracts.assetRegistry, price],
    })
    const bought = await buyLicense({ ...clients(payer), termsId, use: 'inference', maxPrice: price })
    expect(bought.authorization).toBe('allowance')
    expect(await permitNonceOf(payer)).toBe(0n)
  })
})

describe('refused purchases map to registry errors', () => {
  it.each([
    ['price_above_maximum', { maxPrice: price - 1n }, [price, price - 1n]],
    ['revenue_share_above_maximum', { maxPrice: price, maxRevenueShareBps: 999 }, [1000, 999]],
  ] as const)('%s', async (code, options, args) => {
    const before = await txCount(buyer)
    const error = await failure(buyLicense({ ...clients(buyer), termsId, use: 'inference', ...options }))
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe(code)
    expect((error as RegistryRevertError).args).toEqual(args)
    expect(await txCount(buyer)).toBe(before)
  })

  it('use_not_allowed', async () => {
    const terms = openTerms(price, {
      uses: { ...openTerms(price).uses, training: { allowed: false, price: 0n } },
    })
    const { termsId: limited } = await setTerms({ ...clients(owner), assetId: asset.assetId, terms })
    const error = await failure(
      buyLicense({ ...clients(buyer), termsId: limited, use: 'training', maxPrice: price }),
    )
    expect(error.code).toBe('use_not_allowed')
    expect((error as RegistryRevertError).args).toEqual([limited, 3])
  })

  it('erc20_insufficient_allowance when neither a permit nor an approval is allowed', async () => {
    const before = await txCount(other)
    const error = await failure(
      buyLicense({
        ...clients(other),
        termsId,
        use: 'inference',
        maxPrice: price,
        permit: false,
        approve: false,
      }),
    )
    expect(error.code).toBe('erc20_insufficient_allowance')
    expect((error as RegistryRevertError).args).toEqual([chain.contracts.assetRegistry, 0n, price])
    expect(await txCount(other)).toBe(before)
  })

  it('erc20_insufficient_balance without approving first when the payer cannot pay', async () => {
    const broke = await chain.actor(0)
    const error = await failure(
      buyLicense({ ...clients(broke), termsId, use: 'inference', maxPrice: price, permit: false }),
    )
    expect(error.code).toBe('erc20_insufficient_balance')
    expect(await txCount(broke)).toBe(0)
  })

  it('unknown_terms', async () => {
    const error = await failure(
      buyLicense({ ...clients(buyer), termsId: 10_000n, use: 'inference', maxPrice: price }),
    )
    expect(error.code).toBe('unknown_terms')
  })

  it('terms_retired, while licenses already sold stay valid', async () => {
    const { termsId: retiring } = await setTerms({
      ...clients(owner),
      assetId: asset.assetId,
      terms: openTerms(price),
    })
    const bought = await buyLicense({
      ...clients(other),
      termsId: retiring,
      use: 'generative-training',
      maxPrice: price,
    })
    await retireTerms({ ...clients(owner), termsId: retiring })

    expect((await readTerms({ ...reads(), termsId: retiring }))!.retired).toBe(true)
    const error = await failure(
      buyLicense({ ...clients(buyer), termsId: retiring, use: 'inference', maxPrice: price }),
    )
    expect(error.code).toBe('terms_retired')
    const again = await failure(retireTerms({ ...clients(owner), termsId: retiring }))
    expect(again.code).toBe('terms_retired')
    const license = await checkLicense({
      ...reads(),
      assetId: asset.assetId,
      use: 'generative-training',
      account: other.account.address,
    })
    expect(license).toEqual({ licensed: true, licenseId: bought.licenseId })
  })

  // Last: it moves the chain's clock forward.
  it('terms_expired, and licenses under expired terms stop counting', async () => {
    const expiresAt = (await chain.now()) + 100
    const terms = openTerms(price, { expiresAt })
    const { termsId: expiring } = await setTerms({ ...clients(owner), assetId: asset.assetId, terms })
    const holder = await chain.actor()
    const bought = await buyLicense({
      ...clients(holder),
      termsId: expiring,
      use: 'inference',
      maxPrice: price,
    })
    const account = holder.account.address
    expect(
      await checkLicense({ ...reads(), assetId: asset.assetId, use: 'inference', account }),
    ).toMatchObject({
      licensed: true,
    })

    await chain.testClient.increaseTime({ seconds: 200 })
    await chain.testClient.mine({ blocks: 1 })

    const error = await failure(
      buyLicense({ ...clients(buyer), termsId: expiring, use: 'inference', maxPrice: price }),
    )
    expect(error.code).toBe('terms_expired')
    expect((error as RegistryRevertError).args).toEqual([expiring, BigInt(expiresAt)])
    expect(await checkLicense({ ...reads(), assetId: asset.assetId, use: 'inference', account })).toEqual({
      licensed: false,
      licenseId: undefined,
    })
    expect(await listLicenses({ ...reads(), account })).toEqual([
      {
        licenseId: bought.licenseId,
        termsId: expiring,
        use: 'inference',
        assetId: asset.assetId,
        balance: 1n,
        valid: false,
        expiresAt,
      },
    ])
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
