import type { Hex, PublicClient, WalletClient } from 'viem'
import { registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type RetireTermsParameters = {
  publicClient: PublicClient
  /** Its account must own the asset. */
  walletClient: WalletClient
  contracts: RightsContracts
  termsId: bigint
}

export type RetireTermsReturnType = { txHash: Hex }

/**
 * Stops selling a set of terms. Licenses already sold under them stay valid until the terms expire.
 *
 * @example
 * await retireTerms({ publicClient, walletClient, contracts, termsId })
 */
export async function retireTerms({
  publicClient,
  walletClient,
  contracts,
  termsId,
}: RetireTermsParameters): Promise<RetireTermsReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'retireTerms',
      args: [termsId],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
