import type { Hex, PublicClient } from 'viem'
import { fetchTerms } from './readTerms.js'
import { registryAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts, TermsRecord } from './types.js'

export type ListTermsParameters = { publicClient: PublicClient; contracts: RightsContracts; assetId: Hex }

export type ListTermsReturnType = TermsRecord[]

/**
 * Every set of terms ever published for an asset, oldest first, retired and expired ones included (filter on
 * `retired` and `terms.expiresAt` for what is on sale).
 *
 * @example
 * const onSale = (await listTerms({ publicClient, contracts, assetId })).filter((t) => !t.retired)
 */
export async function listTerms({
  publicClient,
  contracts,
  assetId,
}: ListTermsParameters): Promise<ListTermsReturnType> {
  try {
    const ids = await publicClient.readContract({
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'termsIdsOf',
      args: [BigInt(assetId)],
    })
    return await Promise.all(ids.map((termsId) => fetchTerms(publicClient, contracts, termsId)))
  } catch (error) {
    throw toRightsError(error)
  }
}
