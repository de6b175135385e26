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

/** An IP asset that covers some content: one of the records with that content hash became an asset. */
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
 * Decides whether content may be served for an AI use. Content is protected when any record with its hash
 * is an IP asset; then the caller must be allowed by every such asset (its owner, a license holder or, for
 * datasets, a consented grantee). Every asset, not just one: otherwise anyone could register a copy of a
 * protected work as their own asset and license themselves.
 */
export class UsageGate {
  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
  ) {}

  get rights(): RightsAddresses | undefined {
    return this.chain.rights
  }

  async protectingAssets(contentHash: Hex): Promise<ProtectingAsset[]> {
    const contracts = this.chain.rights
    if (!contracts) return []
    const records = await this.store.findByContentHash(contentHash)
    const assets = await Promise.all(
      records.map((r) => readAsset({ publicClient: this.chain.publicClient, contracts, assetId: r.id })),
    )
    return assets.flatMap((asset) => (asset ? [{ assetId: asset.assetId, owner: asset.owner }] : []))
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
