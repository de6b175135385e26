import { type Abi, type Address, getAddress, keccak256, slice, toHex } from 'viem'
import {
  buyLicense,
  buyLicenseWithPermit,
  createAsset,
  payRoyalty,
  setTerms,
  vaultCall,
} from './rightsAssets.js'
import {
  type Actor,
  type Artifact,
  actor,
  allowance,
  approve,
  deployContract,
  mintTestDollars,
  type RightsBench,
  send,
} from './rightsChain.js'
import { int } from './section.js'
import { progress } from './stats.js'

/** Shares of every vault: 1,000,000 with 18 decimals (`RevenueVault.SUPPLY`). */
const supply = 10n ** 24n
/** One royalty payment: 1,000 test dollars. */
export const payment = 1_000n * 10n ** 6n
export const licensePrice = 100n * 10n ** 6n
/** Holders added per scatter or addPayees transaction. */
export const chunkSize = 500

/** The bench-only contracts: the share scatterer (deployed once) and the naive split (one per holder count). */
export type BenchContracts = { scatter: { address: Address; abi: Abi }; naiveSplit: Artifact }

export type HoldersGas = {
  holders: number
  ours: {
    payFirst: bigint
    pay: bigint
    vaultPay: bigint
    buy: bigint
    buyWithPermit: bigint
    claimFirst: bigint
    claim: bigint
    transferFirst: bigint | undefined
    transfer: bigint | undefined
  }
  naive: { payFirst: bigint; pay: bigint }
}

/**
 * One asset whose shares are spread evenly over `holders` accounts (the creator, two holders who send
 * transactions, the rest plain addresses), and a naive push split to the same holders with the same weights.
 * Every operation runs twice or more and the last run is the one reported, unless marked first.
 */
export async function measureHolders(
  bench: RightsBench,
  contracts: BenchContracts,
  holders: number,
): Promise<HoldersGas> {
  if (holders === 2) throw new Error('holder counts are 1 or at least 3')
  progress(
    `rights: an asset with ${int(holders)} share holder${holders === 1 ? '' : 's'} and a naive push split to them`,
  )
  const label = `holders-${holders}`
  const creator = await actor(bench, `${label}-creator`)
  const alice = await actor(bench, `${label}-alice`)
  const bob = await actor(bench, `${label}-bob`)
  const buyer = await actor(bench, `${label}-permit-buyer`)
  const asset = await createAsset(bench, creator, label)
  const { termsId } = await setTerms(bench, creator, asset.assetId, { price: licensePrice, bps: 0 })

  const each = supply / BigInt(holders)
  const others = holders === 1 ? [] : [alice.address, bob.address, ...plainAddresses(label, holders - 3)]
  await spreadShares(bench, contracts, creator, asset.vault, others, each)
  const weights = [supply - each * BigInt(others.length), ...others.map(() => each)]
  const naive = await naiveSplit(bench, contracts.naiveSplit, [creator.address, ...others], weights)

  const { payer } = bench
  // The naive split first, while no holder holds test dollars: its first payment is the worst case.
  await approve(bench, payer, naive, allowance)
  const naivePay = () =>
    send(
      bench,
      payer,
      { address: naive, abi: contracts.naiveSplit.abi, functionName: 'pay', args: [payment] },
      bench.maxTxGas,
    )
  const naiveFirst = (await naivePay()).gasUsed
  const naiveSteady = (await naivePay()).gasUsed

  const payFirst = (await payRoyalty(bench, asset.assetId, payment)).gasUsed
  const pay = (await payRoyalty(bench, asset.assetId, payment)).gasUsed
  await approve(bench, payer, asset.vault, allowance)
  await send(bench, payer, vaultCall(asset.vault, 'pay', [payment]))
  const vaultPay = (await send(bench, payer, vaultCall(asset.vault, 'pay', [payment]))).gasUsed

  // Each sale mints the license to a new licensee, as sales do.
  const licensee = (i: number) => plainAddresses(`${label}-licensee`, i + 1)[i]!
  await buyLicense(bench, payer, termsId, licensee(0), licensePrice)
  const buy = (await buyLicense(bench, payer, termsId, licensee(1), licensePrice)).gasUsed
  await mintTestDollars(bench, buyer.address, 10n * licensePrice)
  await buyLicenseWithPermit(bench, buyer, termsId, licensee(2), licensePrice)
  const buyWithPermit = (await buyLicenseWithPermit(bench, buyer, termsId, licensee(3), licensePrice)).gasUsed

  const claim = () => send(bench, creator, vaultCall(asset.vault, 'claim', [creator.address]))
  const claimFirst = (await claim()).gasUsed
  await payRoyalty(bench, asset.assetId, payment)
  const claimSteady = (await claim()).gasUsed

  let transferFirst: bigint | undefined
  let transfer: bigint | undefined
  if (holders > 1) {
    const move = () => send(bench, alice, vaultCall(asset.vault, 'transfer', [bob.address, each / 10n]))
    transferFirst = (await move()).gasUsed
    await payRoyalty(bench, asset.assetId, payment)
    transfer = (await move()).gasUsed
  }
  return {
    holders,
    ours: {
      payFirst,
      pay,
      vaultPay,
      buy,
      buyWithPermit,
      claimFirst,
      claim: claimSteady,
      transferFirst,
      transfer,
    },
    naive: { payFirst: naiveFirst, pay: naiveSteady },
  }
}

/** Addresses nobody holds a key to: they only receive shares and revenue. */
function plainAddresses(label: string, count: number): Address[] {
  return Array.from({ length: count }, (_, i) => getAddress(slice(keccak256(toHex(`${label} ${i}`)), 12)))
}

/** Ordinary ERC-20 transfers of shares from the creator, `chunkSize` per transaction through the scatterer. */
async function spreadShares(
  bench: RightsBench,
  { scatter }: BenchContracts,
  creator: Actor,
  vault: Address,
  to: Address[],
  each: bigint,
): Promise<void> {
  if (to.length === 0) return
  await approve(bench, creator, scatter.address, each * BigInt(to.length), vault)
  for (let i = 0; i < to.length; i += chunkSize) {
    const chunk = to.slice(i, i + chunkSize)
    await send(
      bench,
      creator,
      { ...scatter, functionName: 'scatter', args: [vault, chunk, each] },
      bench.maxTxGas,
    )
  }
  const last = (await bench.chain.publicClient.readContract({
    ...vaultCall(vault, 'balanceOf', [to[to.length - 1]]),
  })) as bigint
  if (last !== each) throw new Error(`holder got ${last} shares, expected ${each}`)
}

async function naiveSplit(
  bench: RightsBench,
  artifact: Artifact,
  payees: Address[],
  weights: bigint[],
): Promise<Address> {
  const address = await deployContract(bench, artifact, [bench.rights.paymentToken])
  for (let i = 0; i < payees.length; i += chunkSize) {
    const args = [payees.slice(i, i + chunkSize), weights.slice(i, i + chunkSize)]
    await send(
      bench,
      bench.payer,
      { address, abi: artifact.abi, functionName: 'addPayees', args },
      bench.maxTxGas,
    )
  }
  return address
}
