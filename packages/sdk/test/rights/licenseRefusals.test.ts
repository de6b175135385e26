import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buyLicense,
  checkLicense,
  type Hex,
  listLicenses,
  RegistryRevertError,
  readTerms,
  retireTerms,
  setTerms,
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

describe('refused purchases map to registry errors', () => {
  it.each([
    ['price_above_maximum', { maxPrice: price - 1n }, [price, price - 1n]],
    ['revenue_share_above_maximum', { maxPrice: price, maxRevenueShareBps: 999 }, [1000, 999]],
  ] as const)('%s', async (code, options, args) => {
    const before = await chain.txCount(buyer)
    const error = await failure(
      buyLicense({ ...chain.clients(buyer), termsId, use: 'inference', ...options }),
    )
    expect(error).toBeInstanceOf(RegistryRevertError)
    expect(error.code).toBe(code)
    expect((error as RegistryRevertError).args).toEqual(args)
    expect(await chain.txCount(buyer)).toBe(before)
  })

  it('use_not_allowed', async () => {
    const terms = openTerms(price, {
      uses: { ...openTerms(price).uses, training: { allowed: false, price: 0n } },
    })
    const { termsId: limited } = await setTerms({ ...chain.clients(owner), assetId: asset.assetId, terms })
    const error = await failure(
      buyLicense({ ...chain.clients(buyer), termsId: limited, use: 'training', maxPrice: price }),
    )
    expect(error.code).toBe('use_not_allowed')
    expect((error as RegistryRevertError).args).toEqual([limited, 3])
  })

  it('erc20_insufficient_allowance when neither a permit nor an approval is allowed', async () => {
    const before = await chain.txCount(other)
    const error = await failure(
      buyLicense({
        ...chain.clients(other),
        termsId,
        use: 'inference',
        maxPrice: price,
        permit: false,
        approve: false,
      }),
    )
    expect(error.code).toBe('erc20_insufficient_allowance')
    expect((error as RegistryRevertError).args).toEqual([chain.contracts.assetRegistry, 0n, price])
    expect(await chain.txCount(other)).toBe(before)
  })

  it('erc20_insufficient_balance without approving first when the payer cannot pay', async () => {
    const broke = await chain.actor(0)
    const error = await failure(
      buyLicense({ ...chain.clients(broke), termsId, use: 'inference', maxPrice: price, permit: false }),
    )
    expect(error.code).toBe('erc20_insufficient_balance')
    expect(await chain.txCount(broke)).toBe(0)
  })

  it('unknown_terms', async () => {
    const error = await failure(
      buyLicense({ ...chain.clients(buyer), termsId: 10_000n, use: 'inference', maxPrice: price }),
    )
    expect(error.code).toBe('unknown_terms')
  })

  it('terms_retired, while licenses already sold stay valid', async () => {
    const { termsId: retiring } = await setTerms({
      ...chain.clients(owner),
      assetId: asset.assetId,
      terms: openTerms(price),
    })
    const bought = await buyLicense({
      ...chain.clients(other),
      termsId: retiring,
      use: 'generative-training',
      maxPrice: price,
    })
    await retireTerms({ ...chain.clients(owner), termsId: retiring })

    expect((await readTerms({ ...reads(), termsId: retiring }))!.retired).toBe(true)
    const error = await failure(
      buyLicense({ ...chain.clients(buyer), termsId: retiring, use: 'inference', maxPrice: price }),
    )
    expect(error.code).toBe('terms_retired')
    const again = await failure(retireTerms({ ...chain.clients(owner), termsId: retiring }))
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
    const { termsId: expiring } = await setTerms({ ...chain.clients(owner), assetId: asset.assetId, terms })
    const holder = await chain.actor()
    const bought = await buyLicense({
      ...chain.clients(holder),
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
      buyLicense({ ...chain.clients(buyer), termsId: expiring, use: 'inference', maxPrice: price }),
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
