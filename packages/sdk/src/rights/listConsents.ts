import type { Address, Hex, PublicClient } from 'viem'
import { tokenIdToAssetId } from './encodeTerms.js'
import { chainTime, consentAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { type AiUse, aiUses, type RightsContracts } from './types.js'

export type ListConsentsParameters = { publicClient: PublicClient; contracts: RightsContracts; assetId: Hex }

/** A consent granted on a dataset, as the chain keeps it. */
export type ConsentRecord = {
  consentId: Hex
  assetId: Hex
  grantee: Address
  use: AiUse
  validFrom: number
  validUntil: number
  salt: Hex
  grantor: Address
  revoked: boolean
  /** Unrevoked and inside its window by the chain's clock: what checkUse counts. */
  active: boolean
}

export type ListConsentsReturnType = ConsentRecord[]

/**
 * Every consent ever granted on a dataset, oldest first, revoked and lapsed ones included.
 *
 * @example
 * const active = (await listConsents({ publicClient, contracts, assetId })).filter((c) => c.active)
 */
export async function listConsents({
  publicClient,
  contracts,
  assetId,
}: ListConsentsParameters): Promise<ListConsentsReturnType> {
  try {
    const read = { address: contracts.consentRegistry, abi: consentAbi } as const
    const [ids, now] = await Promise.all([
      publicClient.readContract({ ...read, functionName: 'consentIdsOf', args: [BigInt(assetId)] }),
      chainTime(publicClient),
    ])
    return await Promise.all(
      ids.map(async (consentId) => {
        const { consent, grantor, revoked } = await publicClient.readContract({
          ...read,
          functionName: 'consentOf',
          args: [consentId],
        })
        const validFrom = Number(consent.validFrom)
        const validUntil = Number(consent.validUntil)
        return {
          consentId,
          assetId: tokenIdToAssetId(consent.assetId),
          grantee: consent.grantee,
          use: aiUses[consent.use]!,
          validFrom,
          validUntil,
          salt: consent.salt,
          grantor,
          revoked,
          active: !revoked && validFrom <= now && now < validUntil,
        }
      }),
    )
  } catch (error) {
    throw toRightsError(error)
  }
}
