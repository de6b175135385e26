import { type Address, type Hex, hashStruct, hashTypedData, type TypedDataDomain } from 'viem'
import { type AiUse, aiUses } from './types.js'

/** A data owner's grant of one AI use of a dataset to one grantee, for a time window. */
export type ConsentGrant = {
  /** The dataset asset. */
  assetId: Hex
  grantee: Address
  use: AiUse
  /** Unix seconds the consent starts. */
  validFrom: number
  /** Unix seconds the consent ends (exclusive). */
  validUntil: number
  /** Any 32 bytes, so the same grant can be made again after a revocation. */
  salt: Hex
}

/** The EIP-712 types of a grant (`IConsentRegistry.Consent`). */
export const consentTypes = {
  Consent: [
    { name: 'assetId', type: 'uint256' },
    { name: 'grantee', type: 'address' },
    { name: 'use', type: 'uint8' },
    { name: 'validFrom', type: 'uint64' },
    { name: 'validUntil', type: 'uint64' },
    { name: 'salt', type: 'bytes32' },
  ],
} as const

/** The message a grant signs, and the tuple `grantConsentBySig` takes. */
export type ConsentMessage = {
  assetId: bigint
  grantee: Address
  use: number
  validFrom: bigint
  validUntil: bigint
  salt: Hex
}

/**
 * The consent registry's EIP-712 domain on one chain.
 *
 * @example
 * const domain = consentDomain({ chainId: 31337, consentRegistry: contracts.consentRegistry })
 */
export function consentDomain({
  chainId,
  consentRegistry,
}: {
  chainId: number
  consentRegistry: Address
}): TypedDataDomain {
  return { name: 'Rightflow Consent', version: '1', chainId, verifyingContract: consentRegistry }
}

/** A grant as the contract types it. */
export function consentMessage(consent: ConsentGrant): ConsentMessage {
  return {
    assetId: BigInt(consent.assetId),
    grantee: consent.grantee,
    use: aiUses.indexOf(consent.use),
    validFrom: BigInt(consent.validFrom),
    validUntil: BigInt(consent.validUntil),
    salt: consent.salt,
  }
}

/**
 * The id the consent registry gives a grant: its EIP-712 struct hash, the same on every chain.
 *
 * @example
 * const id = consentId({ assetId, grantee, use: 'training', validFrom, validUntil, salt: zeroHash })
 */
export function consentId(consent: ConsentGrant): Hex {
  return hashStruct({ types: consentTypes, primaryType: 'Consent', data: consentMessage(consent) })
}

/**
 * The EIP-712 digest a dataset owner signs for a grant.
 *
 * @example
 * const digest = consentDigest({ consent, chainId: 31337, consentRegistry: contracts.consentRegistry })
 */
export function consentDigest({
  consent,
  chainId,
  consentRegistry,
}: {
  consent: ConsentGrant
  chainId: number
  consentRegistry: Address
}): Hex {
  return hashTypedData({
    domain: consentDomain({ chainId, consentRegistry }),
    types: consentTypes,
    primaryType: 'Consent',
    message: consentMessage(consent),
  })
}
