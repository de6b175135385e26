import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../../../server/test/support/records.js'
import {
  buyLicense,
  claimRoyalties,
  createDerivative,
  type Hex,
  NothingToClaimError,
  payAncestors,
  payRoyalty,
  RegistryRevertError,
  readAsset,
  readPaymentBalance,
  readRoyalties,
  recordId,
  registerRecordOnChain,
  revenueVaultAbi,
  setTerms,
  testStablecoinAbi,
  transferShares,
} from '../../src/index.js'
import { failure } from '../support/failure.js'
import { type Actor, openTerms, type RightsChain, startRightsChain, usd } from '../support/rightsChain.js'

const supply = 1_000_000n * 10n ** 18n

let chain: RightsChain
let owner: Actor
let payer: Actor
let asset: { assetId: Hex; vault: Hex }

beforeAll(async () => {
  chain = await startRightsChain()
  owner = await chain.actor(0)
  payer = await chain.actor(1_000)
  asset = await chain.newAsset(owner)
})

afterAll(async () => {
  await chain?.stop()
})

const royalties = (assetId: Hex, actor: Actor) =>
  readRoyalties({
    publicClient: chain.publicClient,
    contracts: chain.contracts,
    assetId,
    account: actor.account.address,
  })
const balance = (account: Hex) =>
  readPaymentBalance({ publicClient: chain.publicClient, token: chain.contracts.paymentToken, account })

/** Sends payment token straight to an address, the way an EIP-3009 / x402 settlement would. */
async function sendToken(from: Actor, to: Hex, amount: bigint) {
  const hash = await from.walletClient.writeContract({
    chain: from.walletClient.chain,
    account: from.account,
    address: chain.contracts.paymentToken,
    abi: testStablecoinAbi,
    functionName: 'transfer',
    args: [to, amount],
  })
  await chain.publicClient.waitForTransactionReceipt({ hash })
}

describe('royalties of an original', () => {
  it('license fees and royalties become the owner’s claim, and claiming pays it out', async () => {
    const { termsId } = await setTerms({
      ...chain.clients(owner),
      assetId: asset.assetId,
      terms: openTerms(usd(1)),
    })
    await buyLicense({ ...chain.clients(payer), termsId, use: 'training', maxPrice: usd(1) })
    const paid = await payRoyalty({ ...chain.clients(payer), assetId: asset.assetId, amount: usd(2.5) })
    expect(paid.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)

    const before = await royalties(asset.assetId, owner)
    expect(before).toMatchObject({
      vault: asset.vault,
      claimable: usd(3.5),
      shares: supply,
      totalShares: supply,
      received: usd(3.5),
      claimed: 0n,
      pendingAncestors: 0n,
      parents: [],
    })
    const claimed = await claimRoyalties({ ...chain.clients(owner), assetId: asset.assetId })
    expect(claimed.amount).toBe(usd(3.5))
    expect(await balance(owner.account.address)).toBe(usd(3.5))
    expect(await royalties(asset.assetId, owner)).toMatchObject({ claimable: 0n, claimed: usd(3.5) })
  })

  it('nothing_to_claim is thrown before any transaction, for holders and strangers alike', async () => {
    const stranger = await chain.actor(0)
    for (const actor of [owner, stranger]) {
      const before = await chain.txCount(actor)
      const error = await failure(claimRoyalties({ ...chain.clients(actor), assetId: asset.assetId }))
      expect(error).toBeInstanceOf(NothingToClaimError)
      expect(error.code).toBe('nothing_to_claim')
      expect(await chain.txCount(actor)).toBe(before)
    }
  })

  it('payRoyalty of zero maps to zero_amount, and of an unknown asset to unknown_asset', async () => {
    const zero = await failure(payRoyalty({ ...chain.clients(payer), assetId: asset.assetId, amount: 0n }))
    expect(zero.code).toBe('zero_amount')
    const unknown = await failure(
      payRoyalty({ ...chain.clients(payer), assetId: `0x${'cd'.repeat(32)}`, amount: 1n }),
    )
    expect(unknown).toBeInstanceOf(RegistryRevertError)
    expect(unknown.code).toBe('unknown_asset')
  })

  it('payRoyalty without approving maps to erc20_insufficient_allowance and sends nothing', async () => {
    const fresh = await chain.actor()
    const error = await failure(
      payRoyalty({ ...chain.clients(fresh), assetId: asset.assetId, amount: usd(1), approve: false }),
    )
    expect(error.code).toBe('erc20_insufficient_allowance')
    expect((error as RegistryRevertError).args).toEqual([chain.contracts.assetRegistry, 0n, usd(1)])
    expect(await chain.txCount(fresh)).toBe(0)
  })

  it('shares transferred split later revenue pro rata, earlier revenue stays with the sender', async () => {
    const partner = await chain.actor(0)
    await payRoyalty({ ...chain.clients(payer), assetId: asset.assetId, amount: usd(1) }) // all the owner's
    await transferShares({
      ...chain.clients(owner),
      assetId: asset.assetId,
      to: partner.account.address,
      amount: supply / 4n,
    })
    await payRoyalty({ ...chain.clients(payer), assetId: asset.assetId, amount: usd(4) })

    expect(await royalties(asset.assetId, partner)).toMatchObject({ shares: supply / 4n, claimable: usd(1) })
    expect(await royalties(asset.assetId, owner)).toMatchObject({
      shares: (supply * 3n) / 4n,
      claimable: usd(4),
    })

    const wallet = await chain.actor(0)
    const claimed = await claimRoyalties({
      ...chain.clients(partner),
      assetId: asset.assetId,
      to: wallet.account.address,
    })
    expect(claimed.amount).toBe(usd(1))
    expect(await balance(wallet.account.address)).toBe(usd(1))
    expect(await balance(partner.account.address)).toBe(0n)
  })

  it('transferring shares to the vault itself maps to shares_to_vault', async () => {
    const error = await failure(
      transferShares({ ...chain.clients(owner), assetId: asset.assetId, to: asset.vault, amount: 1n }),
    )
    expect(error.code).toBe('shares_to_vault')
  })
})

describe('royalties of a derivative', () => {
  let maker: Actor
  let parentTerms: bigint
  let derivative: { assetId: Hex; vault: Hex }

  async function derive(licenseIds: bigint[]) {
    const signed = await makeSigned(maker.account, { chainId: chain.chainId, registry: chain.registry })
    await registerRecordOnChain({
      publicClient: chain.publicClient,
      walletClient: maker.walletClient,
      registry: chain.registry,
      signed,
    })
    return createDerivative({
      ...chain.clients(maker),
      recordId: recordId(signed.record),
      kind: 'model',
      parentLicenseIds: licenseIds,
    })
  }

  beforeAll(async () => {
    maker = await chain.actor()
    ;({ termsId: parentTerms } = await setTerms({
      ...chain.clients(owner),
      assetId: asset.assetId,
      terms: openTerms(usd(0.5), { derivativeRevenueShareBps: 2_000 }),
    }))
  })

  it('createDerivative links the licensed parent with its revenue share', async () => {
    const { licenseId } = await buyLicense({
      ...chain.clients(maker),
      termsId: parentTerms,
      use: 'training',
      maxPrice: usd(1),
    })
    const created = await derive([licenseId])
    derivative = { assetId: created.assetId, vault: created.vault }

    expect(created.parents).toEqual([asset.assetId])
    const read = await readAsset({
      publicClient: chain.publicClient,
      contracts: chain.contracts,
      ...derivative,
    })
    expect(read).toMatchObject({ owner: maker.account.address, kind: 'model', parents: [asset.assetId] })
    expect((await royalties(derivative.assetId, maker)).parents).toEqual([{ vault: asset.vault, bps: 2_000 }])
  })

  it('a royalty paid to the derivative pays the parent its share at once', async () => {
    const parentBefore = await royalties(asset.assetId, owner)
    await payRoyalty({ ...chain.clients(payer), assetId: derivative.assetId, amount: usd(10) })

    const parentAfter = await royalties(asset.assetId, owner)
    expect(parentAfter.received - parentBefore.received).toBe(usd(2))
    const child = await royalties(derivative.assetId, maker)
    expect(child).toMatchObject({ claimable: usd(8), paidToAncestors: usd(2), pendingAncestors: 0n })
  })

  it('payAncestors passes on what a sync set aside', async () => {
    await sendToken(payer, derivative.vault, usd(1))
    const { claimable } = await royalties(derivative.assetId, maker)
    expect(claimable).toBe(usd(8)) // not synced yet
    const hash = await payer.walletClient.writeContract({
      chain: payer.walletClient.chain,
      account: payer.account,
      address: derivative.vault,
      abi: revenueVaultAbi,
      functionName: 'sync',
    })
    await chain.publicClient.waitForTransactionReceipt({ hash })
    expect((await royalties(derivative.assetId, maker)).pendingAncestors).toBe(usd(0.2))

    const parentBefore = await royalties(asset.assetId, owner)
    const { paid } = await payAncestors({ ...chain.clients(payer), assetId: derivative.assetId })
    expect(paid).toBe(usd(0.2))
    expect((await royalties(asset.assetId, owner)).received - parentBefore.received).toBe(usd(0.2))
    expect((await payAncestors({ ...chain.clients(payer), assetId: derivative.assetId })).paid).toBe(0n)
  })

  it('claimRoyalties with payAncestorsFirst collects payments sent straight to the vault', async () => {
    await sendToken(payer, derivative.vault, usd(0.5))
    const parentBefore = await royalties(asset.assetId, owner)
    const { claimable } = await royalties(derivative.assetId, maker)
    const makerBefore = await balance(maker.account.address)

    const claimed = await claimRoyalties({
      ...chain.clients(maker),
      assetId: derivative.assetId,
      payAncestorsFirst: true,
    })
    expect(claimed.collectTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(claimed.amount).toBe(claimable + usd(0.4))
    expect(await balance(maker.account.address)).toBe(makerBefore + claimed.amount)
    expect((await royalties(asset.assetId, owner)).received - parentBefore.received).toBe(usd(0.1))
  })

  it('a claim accounts for revenue sent straight to the vault itself, without a collect', async () => {
    await sendToken(payer, derivative.vault, usd(0.25))
    expect((await royalties(derivative.assetId, maker)).claimable).toBe(0n)
    const claimed = await claimRoyalties({ ...chain.clients(maker), assetId: derivative.assetId })
    expect(claimed.collectTxHash).toBeUndefined()
    expect(claimed.amount).toBe(usd(0.2))
    expect((await royalties(derivative.assetId, maker)).pendingAncestors).toBe(usd(0.05))
  })

  it('parents owed more than the whole revenue revert RevenueShareTooHigh from inside the vault', async () => {
    const [first, second] = [await chain.newAsset(owner), await chain.newAsset(owner)]
    const licenseIds: bigint[] = []
    for (const parent of [first, second]) {
      const terms = openTerms(0n, { derivativeRevenueShareBps: 6_000 })
      const { termsId } = await setTerms({ ...chain.clients(owner), assetId: parent.assetId, terms })
      licenseIds.push(
        (await buyLicense({ ...chain.clients(maker), termsId, use: 'training', maxPrice: 0n })).licenseId,
      )
    }
    const error = await failure(derive(licenseIds))
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe('revenue_share_too_high')
    expect((error as RegistryRevertError).args).toEqual([12_000n])
  })

  it('a derivative of a license not held maps to license_not_held', async () => {
    const stranger = await chain.actor()
    const { licenseId } = await buyLicense({
      ...chain.clients(stranger),
      termsId: parentTerms,
      use: 'inference',
      maxPrice: usd(1),
    })
    const error = await failure(derive([licenseId]))
    expect(error.code).toBe('license_not_held')
  })
})
