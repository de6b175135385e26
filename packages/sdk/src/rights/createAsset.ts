import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { tokenIdToAssetId } from './encodeTerms.js'
import { eventsOf, registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { type AssetKind, assetKinds, type RightsContracts } from './types.js'

export type CreateAssetParameters = {
  publicClient: PublicClient
  /** Its account must be the record's creator, and becomes the asset's owner and sole share holder. */
  walletClient: WalletClient
  contracts: RightsContracts
  /** A record known on chain (registered directly, or its batch proven). */
  recordId: Hex
  kind: AssetKind
}

export type CreateAssetReturnType = {
  /** Equal to the record id. */
  assetId: Hex
  /** The asset's revenue vault, also its revenue-share ERC-20. */
  vault: Address
  txHash: Hex
}

/**
 * Turns a record on chain into an IP asset owned by its creator, with a revenue vault of its own.
 *
 * @example
 * const { assetId, vault } = await createAsset({ publicClient, walletClient, contracts, recordId, kind: 'work' })
 */
export async function createAsset({
  publicClient,
  walletClient,
  contracts,
  recordId,
  kind,
}: CreateAssetParameters): Promise<CreateAssetReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'createAsset',
      args: [recordId, assetKinds.indexOf(kind)],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [created] = eventsOf(receipt, contracts.assetRegistry, ipAssetRegistryAbi, 'AssetCreated')
    return { assetId: tokenIdToAssetId(created!.args.assetId), vault: created!.args.vault, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
