import type { Hex, PublicClient } from 'viem'
import { tokenIdToAssetId } from './encodeTerms.js'
import { registryAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { assetKinds, type IpAsset, type RightsContracts } from './types.js'

export type ReadAssetParameters = { publicClient: PublicClient; contracts: RightsContracts; assetId: Hex }

export type ReadAssetReturnType = IpAsset | undefined

/**
 * Reads an IP asset (its owner now, kind, vault, parents, and the earlier record that superseded it, if any);
 * undefined when the record is not an asset.
 *
 * @example
 * const asset = await readAsset({ publicClient, contracts, assetId: recordId })
 */
export async function readAsset({
  publicClient,
  contracts,
  assetId,
}: ReadAssetParameters): Promise<ReadAssetReturnType> {
  try {
    const tokenId = BigInt(assetId)
    const read = { address: contracts.assetRegistry, abi: registryAbi, args: [tokenId] } as const
    if (!(await publicClient.readContract({ ...read, functionName: 'assetExists' }))) return undefined
    const [asset, owner, parents, supersededBy] = await Promise.all([
      publicClient.readContract({ ...read, functionName: 'assetOf' }),
      publicClient.readContract({ ...read, functionName: 'ownerOf' }),
      publicClient.readContract({ ...read, functionName: 'parentsOf' }),
      publicClient.readContract({ ...read, functionName: 'supersededBy' }),
    ])
    return {
      assetId: tokenIdToAssetId(tokenId),
      owner,
      kind: assetKinds[asset.kind]!,
      vault: asset.vault,
      createdAt: Number(asset.createdAt),
      parents: parents.map(tokenIdToAssetId),
      supersededBy: BigInt(supersededBy) === 0n ? undefined : supersededBy,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
