import {
  type PaymentAddresses,
  paymentAddresses,
  type RightsAddresses,
  rightsAddresses,
} from '@rightflow/sdk'
import { type Address, getContractAddress } from 'viem'
import type { ChainContext } from '../chainContext.js'

/** Where the License contracts are, when not at their deterministic addresses. */
export type RightsConfig = {
  paymentToken?: Address | undefined
  assetRegistry?: Address | undefined
  consentRegistry?: Address | undefined
}

/**
 * The License and Settle contracts, each where the config (or determinism) says, or undefined when no code is
 * there: a server on a chain without them still serves provenance, and their routes answer 503.
 */
export async function findContracts(
  publicClient: ChainContext['publicClient'],
  provenance: Address,
  config: RightsConfig,
): Promise<{ rights: RightsAddresses | undefined; payments: PaymentAddresses | undefined }> {
  const derived = rightsAddresses({ provenance, paymentToken: config.paymentToken })
  const assetRegistry = config.assetRegistry ?? derived.assetRegistry
  const rights: RightsAddresses = {
    paymentToken: derived.paymentToken,
    assetRegistry,
    // The asset registry creates the license token as its first contract (nonce 1).
    licenseToken: getContractAddress({ opcode: 'CREATE', from: assetRegistry, nonce: 1n }),
    consentRegistry: config.consentRegistry ?? derived.consentRegistry,
  }
  const payments = paymentAddresses({ assetRegistry, paymentToken: rights.paymentToken })
  const deployed = async (addresses: Address[]) =>
    (await Promise.all(addresses.map((address) => publicClient.getCode({ address })))).every(Boolean)
  const [hasRights, hasPayments] = await Promise.all([
    deployed([rights.assetRegistry, rights.consentRegistry]),
    deployed(Object.values(payments)),
  ])
  return { rights: hasRights ? rights : undefined, payments: hasRights && hasPayments ? payments : undefined }
}
