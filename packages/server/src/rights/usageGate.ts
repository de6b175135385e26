import {
  type Address,
  type AiUse,
  type CheckUseReturnType,
  checkUse,
  type Hex,
  licenseIdOf,
  listTerms,
  type RightsAddresses,
  readAsset,
} from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { ProvenanceStore } from '../store/types.js'

/** The IP asset that governs some content: the earliest anchored claim on its bytes became an asset. */
export type ProtectingAsset = { assetId: Hex; owner: Address }

/** Terms on sale now that would license `use`. */
export type LicenseOffer = { termsId: string; licenseId: string; price: string }

/** Why a caller may (or may not) have the bytes of a work for a use. */
export type UsageDecision =
  | {
      allowed: true
      protectedBy: ProtectingAsset[]
      grounds: { assetId: Hex; basis: string; ref?: string }[]
    }
  | { allowed: false; missing: ProtectingAsset; offers: LicenseOffer[] }

/**
 * Decides whether content may be served for an AI use. Rights in a set of bytes belong to the earliest
 * anchored claim on them (the store lists records of a content hash earliest claim first): the content is
 * protected when that record is an IP asset that stands (not superseded on chain), and then the caller must be
 * allowed by it (its owner, a license holder or, for datasets, a consented grantee). Assets of later claims
 * are ignored: a stranger who registers a copy of a public work cannot lock it, price it or be paid for it,
 * and a copy of a protected work registered as someone else's asset licenses nobody.
 */
export class UsageGate {
  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
  ) {}

  get rights(): RightsAddresses | undefined {
    return this.chain.rights
  }

  /** The asset of the earliest anchored claim on these bytes, if it is one that stands; at most one. */
  async protectingAssets(contentHash: Hex): Promise<ProtectingAsset[]> {
    const contracts = this.chain.rights
    if (!contracts) return []
    const [earliest] = await this.store.findByContentHash(contentHash)
    // Not anchored: no claim on these bytes is on chain yet, so none can be an asset.
    if (!earliest?.chain) return []
    const asset = await readAsset({ publicClient: this.chain.publicClient, contracts, assetId: earliest.id })
    return asset && !asset.supersededBy ? [{ assetId: asset.assetId, owner: asset.owner }] : []
  }

  async decide(protectedBy: ProtectingAsset[], use: AiUse, account: Address): Promise<UsageDecision> {
    const contracts = this.chain.rights!
    const grounds: { assetId: Hex; basis: string; ref?: string }[] = []
    for (const asset of protectedBy) {
      if (asset.owner.toLowerCase() === account.toLowerCase()) {
        grounds.push({ assetId: asset.assetId, basis: 'owner' })
        continue
      }
      const answer: CheckUseReturnType = await checkUse({
        publicClient: this.chain.publicClient,
        consentRegistry: contracts.consentRegistry,
        assetId: asset.assetId,
        use,
        account,
      })
      if (!answer.allowed)
        return { allowed: false, missing: asset, offers: await this.offers(asset.assetId, use) }
      grounds.push({
        assetId: asset.assetId,
        basis: answer.basis,
        ref: answer.basis === 'license' ? answer.licenseId.toString() : answer.consentId,
      })
    }
    return { allowed: true, protectedBy, grounds }
  }

  private async offers(assetId: Hex, use: AiUse): Promise<LicenseOffer[]> {
    const now = Math.floor(Date.now() / 1000)
    const terms = await listTerms({
      publicClient: this.chain.publicClient,
      contracts: this.chain.rights!,
      assetId,
    })
    return terms
      .filter(
        (t) =>
          !t.retired && (t.terms.expiresAt === 0 || t.terms.expiresAt > now) && t.terms.uses[use].allowed,
      )
      .map((t) => ({
        termsId: t.termsId.toString(),
        licenseId: licenseIdOf(t.termsId, use).toString(),
        price: t.terms.uses[use].price.toString(),
      }))
  }
}
