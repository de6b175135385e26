import { type Asset, buyLicense, createAsset, payRoyalty, setTerms, vaultCall } from './rightsAssets.js'
import { type Actor, actor, type RightsBench, send } from './rightsChain.js'
import { progress } from './stats.js'

/** What each derivative of a chain owes its one parent. */
export const chainBps = 1_000
/** What a derivative owes each of its 16 parents (16 × 5% = 80%; the shares may add up to 100% at most). */
export const wideBps = 500
/** The largest number of direct parents (`IPAssetRegistry.MAX_PARENTS`). */
export const maxParents = 16
/**
 * A billion test dollars per payment, so that the 10% of 10% … passed up ten levels is still whole units:
 * a vault with nothing pending returns early, which would flatter the deep end of the chain.
 */
// Large enough that 10% of 10% … stays above one unit ten levels up (so deep pulls are not skipped), small
// enough for the payer's funds: $100,000 per payment.
const royalty = 10n ** 11n

export type ChainGas = {
  depth: number
  /** Creating the first derivative of the chain (one parent). */
  createDerivative: bigint
  /** The first royalty into the chain, every vault empty, and the pulls up to the root after it. */
  first: { leaf: bigint; pulls: bigint[] }
  steady: { leaf: bigint; pulls: bigint[] }
}

export type WideGas = { parents: number; createDerivative: bigint; payFirst: bigint; pay: bigint }

/**
 * A chain of `depth` derivatives above one original, each owing its parent 10%. A royalty paid at the leaf
 * pays the leaf's parent at once; `payAncestors` on each vault below the leaf then pulls it up to the root.
 */
export async function measureChain(
  bench: RightsBench,
  depth: number,
): Promise<ChainGas & { original: bigint }> {
  progress(`rights: a derivative chain of depth ${depth}`)
  const creator = await actor(bench, `chain-${depth}`)
  const chain = [await createAsset(bench, creator, `chain-${depth}-0`)]
  for (let level = 1; level <= depth; level++) {
    chain.push(await derive(bench, creator, `chain-${depth}-${level}`, [chain[level - 1]!], chainBps))
  }
  const leaf = chain[depth]!
  const round = async () => {
    const leafGas = (await payRoyalty(bench, leaf.assetId, royalty)).gasUsed
    const pulls: bigint[] = []
    // From the leaf's parent down to the root's child: each call pays the vault below it.
    for (let level = depth - 1; level >= 1; level--) {
      const vault = chain[level]!.vault
      pulls.push((await send(bench, bench.payer, vaultCall(vault, 'payAncestors'))).gasUsed)
    }
    await expectNothingPending(bench, chain)
    return { leaf: leafGas, pulls }
  }
  const first = await round()
  const steady = await round()
  return { depth, original: chain[0]!.gasUsed, createDerivative: chain[1]!.gasUsed, first, steady }
}

/** A derivative of the most parents allowed, each owed 5%: its royalties pay all of them at once. */
export async function measureWide(bench: RightsBench): Promise<WideGas> {
  progress(`rights: a derivative of ${maxParents} parents`)
  const creator = await actor(bench, 'wide')
  const parents: Asset[] = []
  for (let i = 0; i < maxParents; i++) parents.push(await createAsset(bench, creator, `wide-parent-${i}`))
  const child = await derive(bench, creator, 'wide-child', parents, wideBps)
  const payFirst = (await payRoyalty(bench, child.assetId, royalty)).gasUsed
  const pay = (await payRoyalty(bench, child.assetId, royalty)).gasUsed
  return { parents: maxParents, createDerivative: child.gasUsed, payFirst, pay }
}

/** Free licenses (price zero: licenses must still be taken) under terms owing `bps`, then the derivative. */
async function derive(
  bench: RightsBench,
  creator: Actor,
  label: string,
  parents: Asset[],
  bps: number,
): Promise<Asset> {
  const licenseIds: bigint[] = []
  for (const parent of parents) {
    const { termsId, licenseId } = await setTerms(bench, creator, parent.assetId, { price: 0n, bps })
    await buyLicense(bench, creator, termsId, creator.address, 0n, bps)
    licenseIds.push(licenseId)
  }
  return createAsset(bench, creator, label, licenseIds)
}

/** After a round of pulls the whole royalty has reached the root: no vault still owes its parents. */
async function expectNothingPending(bench: RightsBench, chain: Asset[]): Promise<void> {
  for (const asset of chain) {
    const pending = (await bench.chain.publicClient.readContract(
      vaultCall(asset.vault, 'pendingAncestors'),
    )) as bigint
    if (pending !== 0n) throw new Error(`vault of level ${chain.indexOf(asset)} still owes ${pending}`)
  }
}
