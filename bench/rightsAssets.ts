import {
  ipAssetRegistryAbi,
  type RegistryDomain,
  registerRecordOnChain,
  revenueVaultAbi,
  testStablecoinAbi,
} from '@rightflow/sdk'
import { type Address, parseSignature } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { benchRecord } from './records.js'
import { type Actor, type Call, type RightsBench, type Sent, send } from './rightsChain.js'

/** The use every bench license is for: generative training (`AIUse.GenerativeTraining`). */
export const use = 2
export type Asset = { assetId: bigint; vault: Address; gasUsed: bigint }

/**
 * A record registered on the provenance registry (signed by `creator`, sent by the relayer), then turned into
 * an asset by its creator: an original, or a derivative of the assets whose licenses `creator` holds.
 */
export async function createAsset(
  bench: RightsBench,
  creator: Actor,
  label: string,
  parentLicenseIds: bigint[] = [],
): Promise<Asset> {
  const { publicClient, walletClient, registry, chainId } = bench.chain
  const domain: RegistryDomain = { chainId, registry }
  const { id, signed } = benchRecord(0, creator.key, `rights-${label}`, domain)
  await registerRecordOnChain({ publicClient, walletClient, registry, signed })
  const { gasUsed } =
    parentLicenseIds.length === 0
      ? await send(bench, creator, assets(bench, 'createAsset', [id, 0]))
      : await send(bench, creator, assets(bench, 'createDerivative', [id, 0, parentLicenseIds]))
  const assetId = BigInt(id)
  const { vault } = (await publicClient.readContract({
    address: bench.rights.assetRegistry,
    abi: ipAssetRegistryAbi,
    functionName: 'assetOf',
    args: [assetId],
  })) as { vault: Address }
  return { assetId, vault, gasUsed }
}

/** Terms selling the bench use at `price` (a free license when zero), derivatives owing `bps`. */
export async function setTerms(
  bench: RightsBench,
  owner: Actor,
  assetId: bigint,
  { price, bps }: { price: bigint; bps: number },
): Promise<{ termsId: bigint; licenseId: bigint }> {
  const uses = [0, 1, 2, 3].map((i) => ({ allowed: i === use, price: i === use ? price : 0n }))
  const terms = {
    uses,
    commercialUse: true,
    derivativesAllowed: bps > 0,
    derivativeRevenueShareBps: bps,
    attributionRequired: true,
    expiresAt: 0n,
    transferable: true,
  }
  const { result } = await send(bench, owner, assets(bench, 'setTerms', [assetId, terms]))
  const termsId = result as bigint
  return { termsId, licenseId: (termsId << 8n) | BigInt(use) }
}

export function buyLicense(
  bench: RightsBench,
  buyer: Actor,
  termsId: bigint,
  recipient: Address,
  price: bigint,
  bps = 10_000,
): Promise<Sent> {
  return send(bench, buyer, assets(bench, 'buyLicense', [termsId, use, recipient, price, bps]))
}

/** `buyLicenseWithPermit`: the buyer signs an EIP-2612 permit for exactly the price; no approval beforehand. */
export async function buyLicenseWithPermit(
  bench: RightsBench,
  buyer: Actor,
  termsId: bigint,
  recipient: Address,
  price: bigint,
): Promise<Sent> {
  const { paymentToken, assetRegistry } = bench.rights
  const nonce = (await bench.chain.publicClient.readContract({
    address: paymentToken,
    abi: testStablecoinAbi,
    functionName: 'nonces',
    args: [buyer.address],
  })) as bigint
  const deadline = 2n ** 40n
  const signature = await privateKeyToAccount(buyer.key.privateKey).signTypedData({
    domain: {
      name: 'Rightflow Test USD',
      version: '1',
      chainId: bench.chain.chainId,
      verifyingContract: paymentToken,
    },
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner: buyer.address, spender: assetRegistry, value: price, nonce, deadline },
  })
  const { r, s, v } = parseSignature(signature)
  return send(
    bench,
    buyer,
    assets(bench, 'buyLicenseWithPermit', [
      termsId,
      use,
      recipient,
      price,
      10_000,
      deadline,
      Number(v),
      r,
      s,
    ]),
  )
}

export function payRoyalty(bench: RightsBench, assetId: bigint, amount: bigint): Promise<Sent> {
  return send(bench, bench.payer, assets(bench, 'payRoyalty', [assetId, amount]))
}

/** A call on an asset's vault (also its revenue-share ERC-20). */
export function vaultCall(vault: Address, functionName: string, args: unknown[] = []): Call {
  return { address: vault, abi: revenueVaultAbi, functionName, args }
}

function assets(bench: RightsBench, functionName: string, args: unknown[]): Call {
  return { address: bench.rights.assetRegistry, abi: ipAssetRegistryAbi, functionName, args }
}
