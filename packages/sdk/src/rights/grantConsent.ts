import { type Hex, type LocalAccount, type PublicClient, toHex, type WalletClient } from 'viem'
import { consentRegistryAbi } from '../generated/consentRegistry.js'
import { type ConsentGrant, consentDomain, consentMessage, consentTypes } from './consentTypedData.js'
import { consentAbi, eventsOf, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type GrantConsentParameters = {
  publicClient: PublicClient
  /** Submits the grant and pays the gas: the data owner, or any relayer. */
  walletClient: WalletClient
  contracts: RightsContracts
  /** The grant; a random salt when absent. */
  consent: Omit<ConsentGrant, 'salt'> & { salt?: Hex }
  /** The dataset's owner, who signs the grant; the wallet account when absent. */
  signer?: LocalAccount
  /** The owner's signature, made elsewhere: the wallet only relays it (as the server's POST /v1/consents). */
  signature?: Hex
  /**
   * Runs once the grant is simulated and would succeed, before it is sent: a relayer charges its quota here, so
   * a grant the contract refuses (a replayed signature) costs nobody anything. What it throws is thrown as is.
   */
  beforeSend?: () => Promise<void>
}

export type GrantConsentReturnType = {
  consentId: Hex
  /** The grant as signed, salt included. */
  consent: ConsentGrant
  txHash: Hex
}

/**
 * Records a dataset owner's consent to one AI use by one grantee. The owner signs it (EIP-712, domain
 * "Rightflow Consent"), so whoever submits it needs no key of theirs.
 *
 * @example
 * const { consentId } = await grantConsent({
 *   publicClient, walletClient: relayer, contracts, signer: owner,
 *   consent: { assetId, grantee, use: 'training', validFrom: now, validUntil: now + 86_400 },
 * })
 */
export async function grantConsent({
  publicClient,
  walletClient,
  contracts,
  consent,
  signer,
  signature: presigned,
  beforeSend,
}: GrantConsentParameters): Promise<GrantConsentReturnType> {
  const { grant, request } = await simulateGrant(
    publicClient,
    walletClient,
    contracts,
    consent,
    signer,
    presigned,
  )
  // Outside the revert mapper: the caller's refusal stays the caller's error.
  await beforeSend?.()
  try {
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [granted] = eventsOf(receipt, contracts.consentRegistry, consentRegistryAbi, 'ConsentGranted')
    return { consentId: granted!.args.consentId, consent: grant, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}

/** Signs the grant if no signature was given, and simulates it: a grant the contract would refuse throws here. */
async function simulateGrant(
  publicClient: PublicClient,
  walletClient: WalletClient,
  contracts: RightsContracts,
  consent: GrantConsentParameters['consent'],
  signer: LocalAccount | undefined,
  presigned: Hex | undefined,
) {
  try {
    const sender = requireAccount(walletClient)
    const grant: ConsentGrant = {
      ...consent,
      salt: consent.salt ?? toHex(crypto.getRandomValues(new Uint8Array(32))),
    }
    const chainId = publicClient.chain?.id ?? (await publicClient.getChainId())
    const typedData = {
      domain: consentDomain({ chainId, consentRegistry: contracts.consentRegistry }),
      types: consentTypes,
      primaryType: 'Consent',
      message: consentMessage(grant),
    } as const
    const signature =
      presigned ??
      (signer
        ? await signer.signTypedData(typedData)
        : await walletClient.signTypedData({ account: sender, ...typedData }))
    const { request } = await publicClient.simulateContract({
      account: sender,
      address: contracts.consentRegistry,
      abi: consentAbi,
      functionName: 'grantConsentBySig',
      args: [typedData.message, signature],
    })
    return { grant, request }
  } catch (error) {
    throw toRightsError(error)
  }
}
