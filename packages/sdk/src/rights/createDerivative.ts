import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { tokenIdToAssetId } from './encodeTerms.js'
import { eventsOf, registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { type AssetKind, assetKinds, type RightsContracts } from './types.js'

export type CreateDerivativeParameters = {
  publicClient: PublicClient
  /** Its account must be the record's creator and hold every license in `parentLicenseIds`. */
  walletClient: WalletClient
  contracts: RightsContracts
  recordId: Hex
  kind: AssetKind
  /** One valid license per parent, under terms that allow derivatives; at most 16. */
  parentLicenseIds: bigint[]
}

export type CreateDerivativeReturnType = {
  assetId: Hex
  vault: Address
  /** The parent assets, in the order of `parentLicenseIds`. */
  parents: Hex[]
  txHash: Hex
}

/**
 * Turns a record into an IP asset derived from licensed parents: each parent is owed its terms' derivative
 * revenue share of everything the new asset earns (reverts RevenueShareTooHigh when they add up past 100%).
 *
 * @example
 * const { assetId, parents } = await createDerivative({
 *   publicClient, walletClient, contracts, recordId, kind: 'model', parentLicenseIds: [licenseId],
 * })
 */
export async function createDerivative({
  publicClient,
  walletClient,
  contracts,
  recordId,
  kind,
  parentLicenseIds,
}: CreateDerivativeParameters): Promise<CreateDerivativeReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'createDerivative',
      args: [recordId, assetKinds.indexOf(kind), parentLicenseIds],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [created] = eventsOf(receipt, contracts.assetRegistry, ipAssetRegistryAbi, 'AssetCreated')
    const links = eventsOf(receipt, contracts.assetRegistry, ipAssetRegistryAbi, 'ParentLinked')
    return {
      assetId: tokenIdToAssetId(created!.args.assetId),
      vault: created!.args.vault,
      parents: links.map((link) => tokenIdToAssetId(link.args.parentAssetId)),
      txHash,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
