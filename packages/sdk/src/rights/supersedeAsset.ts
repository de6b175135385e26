import type { Hex, PublicClient, WalletClient } from 'viem'
import { toTypedMessage } from '../record/toTypedMessage.js'
import type { ProvenanceRecord } from '../record/types.js'
import { registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type SupersedeAssetParameters = {
  publicClient: PublicClient
  /** Pays the gas; anyone may supersede (the records prove the case). */
  walletClient: WalletClient
  contracts: RightsContracts
  /** The asset to supersede: a later claim on some bytes. */
  assetId: Hex
  /** The asset's own record (its id must be `assetId`). */
  assetRecord: ProvenanceRecord
  /** An on-chain record of the same bytes (same content hash) whose on-chain time is strictly earlier. */
  earlierRecord: ProvenanceRecord
}

export type SupersedeAssetReturnType = { txHash: Hex }

/**
 * Marks an asset superseded: its record is a later claim on bytes an earlier on-chain record already claims,
 * and rights in a set of bytes belong to the earliest anchored claim. A superseded asset sells no license,
 * takes no terms, royalty or derivative, and its licenses stop counting. If the earlier record's time on chain
 * looks later than it is (someone else wrote it on chain first), prove it against its batch first
 * ({@link proveRecordOnChain}): that lowers its time to the batch's. Reverts map to `not_earlier`,
 * `different_content`, `record_mismatch`, `record_not_on_chain`, `asset_superseded` or `unknown_asset`.
 *
 * @example
 * await supersedeAsset({ publicClient, walletClient, contracts, assetId, assetRecord, earlierRecord })
 */
export async function supersedeAsset({
  publicClient,
  walletClient,
  contracts,
  assetId,
  assetRecord,
  earlierRecord,
}: SupersedeAssetParameters): Promise<SupersedeAssetReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'supersede',
      args: [BigInt(assetId), toTypedMessage(assetRecord), toTypedMessage(earlierRecord)],
    })
    return { txHash: (await sendAndWait(publicClient, walletClient, request)).txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
