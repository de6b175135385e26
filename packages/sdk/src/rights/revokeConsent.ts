import type { Hex, PublicClient, WalletClient } from 'viem'
import { consentAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type RevokeConsentParameters = {
  publicClient: PublicClient
  /** The consent's grantor or the dataset's current owner. */
  walletClient: WalletClient
  contracts: RightsContracts
  consentId: Hex
}

export type RevokeConsentReturnType = { txHash: Hex }

/**
 * Revokes a consent: from the next block, `checkUse` no longer answers yes on its account.
 *
 * @example
 * await revokeConsent({ publicClient, walletClient, contracts, consentId })
 */
export async function revokeConsent({
  publicClient,
  walletClient,
  contracts,
  consentId,
}: RevokeConsentParameters): Promise<RevokeConsentReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.consentRegistry,
      abi: consentAbi,
      functionName: 'revokeConsent',
      args: [consentId],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
