import type { Hex, PublicClient, WalletClient } from 'viem'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { encodeTerms } from './encodeTerms.js'
import { chainTime, eventsOf, registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { LicenseTerms, RightsContracts } from './types.js'

export type SetTermsParameters = {
  publicClient: PublicClient
  /** Its account must own the asset. */
  walletClient: WalletClient
  contracts: RightsContracts
  assetId: Hex
  terms: LicenseTerms
}

export type SetTermsReturnType = { termsId: bigint; txHash: Hex }

/**
 * Publishes a new, immutable set of terms for an asset. Terms are checked first (InvalidTermsError, code
 * `invalid_terms`), expiry against the chain's clock, so no transaction is sent for terms the contract refuses.
 *
 * @example
 * const { termsId } = await setTerms({ publicClient, walletClient, contracts, assetId, terms })
 */
export async function setTerms({
  publicClient,
  walletClient,
  contracts,
  assetId,
  terms,
}: SetTermsParameters): Promise<SetTermsReturnType> {
  encodeTerms(terms, 0) // everything but expiry, before any network call
  try {
    const tuple = encodeTerms(terms, await chainTime(publicClient))
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'setTerms',
      args: [BigInt(assetId), tuple],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [set] = eventsOf(receipt, contracts.assetRegistry, ipAssetRegistryAbi, 'TermsSet')
    return { termsId: set!.args.termsId, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
