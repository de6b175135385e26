import type { PublicClient } from 'viem'
import { RegistryRevertError } from '../errors/chainErrors.js'
import { decodeTerms, tokenIdToAssetId } from './encodeTerms.js'
import { registryAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts, TermsRecord } from './types.js'

export type ReadTermsParameters = { publicClient: PublicClient; contracts: RightsContracts; termsId: bigint }

export type ReadTermsReturnType = TermsRecord | undefined

/**
 * Reads one set of published terms; undefined when no terms have this id.
 *
 * @example
 * const record = await readTerms({ publicClient, contracts, termsId: 1n })
 * if (record && !record.retired) console.log(record.terms.uses.inference.price)
 */
export async function readTerms({
  publicClient,
  contracts,
  termsId,
}: ReadTermsParameters): Promise<ReadTermsReturnType> {
  try {
    return await fetchTerms(publicClient, contracts, termsId)
  } catch (error) {
    const mapped = toRightsError(error)
    if (mapped instanceof RegistryRevertError && mapped.errorName === 'UnknownTerms') return undefined
    throw mapped
  }
}

/** Published terms, as the SDK presents them (reverts UnknownTerms). */
export async function fetchTerms(
  publicClient: PublicClient,
  contracts: RightsContracts,
  termsId: bigint,
): Promise<TermsRecord> {
  const stored = await publicClient.readContract({
    address: contracts.assetRegistry,
    abi: registryAbi,
    functionName: 'termsOf',
    args: [termsId],
  })
  return {
    termsId,
    assetId: tokenIdToAssetId(stored.assetId),
    retired: stored.retired,
    sold: Number(stored.sold),
    terms: decodeTerms(stored.terms),
  }
}
