import type { Hex } from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { type AiUse, aiUses, type LicenseTerms } from './types.js'

/** The tuple the contract takes and returns for `Terms`. */
export type TermsTuple = {
  uses: readonly [UseTuple, UseTuple, UseTuple, UseTuple]
  commercialUse: boolean
  derivativesAllowed: boolean
  derivativeRevenueShareBps: number
  attributionRequired: boolean
  expiresAt: bigint
  transferable: boolean
}
type UseTuple = { allowed: boolean; price: bigint }

/** Terms that are not self-consistent; the contract would refuse them with InvalidTerms. */
export class InvalidTermsError extends BaseError {
  override name = 'InvalidTermsError'
  constructor(reason: string) {
    super(`Invalid license terms: ${reason}.`, { code: 'invalid_terms' })
  }
}

/**
 * Checks terms the way the contract does (so a mistake is caught before a transaction) and encodes them.
 *
 * @example
 * encodeTerms({ ...terms, uses: { ...terms.uses, inference: { allowed: true, price: 10_000n } } })
 */
export function encodeTerms(terms: LicenseTerms, now = Math.floor(Date.now() / 1000)): TermsTuple {
  for (const use of aiUses) {
    const { allowed, price } = terms.uses[use]
    if (price < 0n || price >= 2n ** 128n) throw new InvalidTermsError(`price of ${use} out of range`)
    if (!allowed && price !== 0n) throw new InvalidTermsError(`price for ${use}, which is not allowed`)
  }
  const bps = terms.derivativeRevenueShareBps
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000)
    throw new InvalidTermsError('derivative revenue share must be 0–10000 bps')
  if (!terms.derivativesAllowed && bps !== 0)
    throw new InvalidTermsError('derivative revenue share without derivatives allowed')
  if (terms.expiresAt !== 0 && terms.expiresAt <= now)
    throw new InvalidTermsError('expiry is not in the future')
  const use = (name: AiUse): UseTuple => ({
    allowed: terms.uses[name].allowed,
    price: terms.uses[name].price,
  })
  return {
    uses: [use('data-mining'), use('inference'), use('generative-training'), use('training')],
    commercialUse: terms.commercialUse,
    derivativesAllowed: terms.derivativesAllowed,
    derivativeRevenueShareBps: bps,
    attributionRequired: terms.attributionRequired,
    expiresAt: BigInt(terms.expiresAt),
    transferable: terms.transferable,
  }
}

/** The inverse of {@link encodeTerms}, for terms read from the chain. */
export function decodeTerms(tuple: {
  uses: readonly { allowed: boolean; price: bigint }[]
  commercialUse: boolean
  derivativesAllowed: boolean
  derivativeRevenueShareBps: number
  attributionRequired: boolean
  expiresAt: bigint
  transferable: boolean
}): LicenseTerms {
  const uses = Object.fromEntries(
    aiUses.map((name, index) => {
      const entry = tuple.uses[index]!
      return [name, { allowed: entry.allowed, price: entry.price }]
    }),
  ) as LicenseTerms['uses']
  return {
    uses,
    commercialUse: tuple.commercialUse,
    derivativesAllowed: tuple.derivativesAllowed,
    derivativeRevenueShareBps: tuple.derivativeRevenueShareBps,
    attributionRequired: tuple.attributionRequired,
    expiresAt: Number(tuple.expiresAt),
    transferable: tuple.transferable,
  }
}

/** The license id for `use` under `termsId`: `termsId << 8 | use`, as the contract packs it. */
export function licenseIdOf(termsId: bigint, use: AiUse): bigint {
  return (termsId << 8n) | BigInt(aiUses.indexOf(use))
}

/** The terms id and use a license id packs. */
export function parseLicenseId(licenseId: bigint): { termsId: bigint; use: AiUse } {
  const use = aiUses[Number(licenseId & 0xffn)]
  if (!use) throw new BaseError(`License id ${licenseId} names no AI use.`, { code: 'invalid_license_id' })
  return { termsId: licenseId >> 8n, use }
}

/** Asset ids are record ids: the same 32 bytes, as hex or as the ERC-721 token id. */
export function assetIdToTokenId(assetId: Hex): bigint {
  return BigInt(assetId)
}

export function tokenIdToAssetId(tokenId: bigint): Hex {
  return `0x${tokenId.toString(16).padStart(64, '0')}`
}
