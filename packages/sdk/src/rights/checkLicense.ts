import type { Address, Hex, PublicClient } from 'viem'
import { registryAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { type AiUse, aiUses, type RightsContracts } from './types.js'

export type CheckLicenseParameters = {
  publicClient: PublicClient
  contracts: RightsContracts
  assetId: Hex
  use: AiUse
  account: Address
}

export type CheckLicenseReturnType =
  | { licensed: true; licenseId: bigint }
  | { licensed: false; licenseId: undefined }

/**
 * Does `account` hold a valid license (under unexpired terms) for this use of the asset? Licenses only; see
 * checkUse for the full answer, which also counts dataset consents.
 *
 * @example
 * const { licensed, licenseId } = await checkLicense({ publicClient, contracts, assetId, use: 'training', account })
 */
export async function checkLicense({
  publicClient,
  contracts,
  assetId,
  use,
  account,
}: CheckLicenseParameters): Promise<CheckLicenseReturnType> {
  try {
    const [licensed, licenseId] = await publicClient.readContract({
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'checkLicense',
      args: [BigInt(assetId), aiUses.indexOf(use), account],
    })
    return licensed ? { licensed, licenseId } : { licensed, licenseId: undefined }
  } catch (error) {
    throw toRightsError(error)
  }
}
