import type { Address, Hex, PublicClient } from 'viem'
import { consentRegistryAbi } from '../generated/consentRegistry.js'
import { rightsErrorsAbi, toRightsError } from './rightsErrors.js'
import { type AiUse, aiUses } from './types.js'

export type CheckUseParameters = {
  publicClient: PublicClient
  consentRegistry: Address
  assetId: Hex
  use: AiUse
  /** The AI, pipeline or agent that wants to use the asset. */
  account: Address
}

/** Why a use is allowed: a license held, or (for datasets) the data owner's consent. */
export type CheckUseReturnType =
  | { allowed: true; basis: 'license'; licenseId: bigint }
  | { allowed: true; basis: 'consent'; consentId: Hex }
  | { allowed: false; basis: 'none' }

/**
 * May `account` use the asset this way now? The question an AI pipeline asks before training on, inferring
 * with or mining a work; answered by the chain (license first, then dataset consent) in one call.
 *
 * @example
 * const answer = await checkUse({ publicClient, consentRegistry, assetId, use: 'training', account })
 * if (!answer.allowed) throw new Error('no license')
 */
export async function checkUse({
  publicClient,
  consentRegistry,
  assetId,
  use,
  account,
}: CheckUseParameters): Promise<CheckUseReturnType> {
  try {
    const [allowed, basis, ref] = await publicClient.readContract({
      address: consentRegistry,
      abi: [...consentRegistryAbi, ...rightsErrorsAbi],
      functionName: 'checkUse',
      args: [BigInt(assetId), aiUses.indexOf(use), account],
    })
    if (!allowed) return { allowed: false, basis: 'none' }
    if (basis === 1) return { allowed: true, basis: 'license', licenseId: BigInt(ref) }
    return { allowed: true, basis: 'consent', consentId: ref }
  } catch (error) {
    throw toRightsError(error)
  }
}
