import type { Address, Hex } from 'viem'
import type { TrainingMiningUse } from '../c2pa/trainingMining.js'

/** What an IP asset is, in the contract's order (`IIPAssetRegistry.AssetKind`). */
export const assetKinds = ['work', 'dataset', 'model', 'agent'] as const
export type AssetKind = (typeof assetKinds)[number]

/**
 * The AI uses terms price, in the contract's order (`IIPAssetRegistry.AIUse`); short names for people, with
 * the CAWG training-and-data-mining use each stands for in {@link cawgUseOf}.
 */
export const aiUses = ['data-mining', 'inference', 'generative-training', 'training'] as const
export type AiUse = (typeof aiUses)[number]

/** The CAWG assertion's name for each use (`training` is CAWG's "other training"). */
export const cawgUseOf: Record<AiUse, TrainingMiningUse> = {
  'data-mining': 'cawg.data_mining',
  inference: 'cawg.ai_inference',
  'generative-training': 'cawg.ai_generative_training',
  training: 'cawg.ai_training',
}

/** The terms for one use: not allowed, allowed for free (`price` 0n), or allowed at a price. */
export type UseTerms = { allowed: boolean; price: bigint }

/** License terms as the SDK presents them; prices in payment token units (6 decimals for USDC). */
export type LicenseTerms = {
  uses: Record<AiUse, UseTerms>
  commercialUse: boolean
  derivativesAllowed: boolean
  /** Part of a derivative's revenue owed to the asset, in basis points (0–10,000). */
  derivativeRevenueShareBps: number
  attributionRequired: boolean
  /** Unix seconds after which the terms are neither sold nor valid; 0 for never. */
  expiresAt: number
  transferable: boolean
}

/** Published terms, as read from the chain. */
export type TermsRecord = {
  termsId: bigint
  assetId: Hex
  retired: boolean
  sold: number
  terms: LicenseTerms
}

/** An IP asset, as read from the chain. */
export type IpAsset = {
  assetId: Hex
  owner: Address
  kind: AssetKind
  /** The revenue vault, which is also the revenue-share ERC-20. */
  vault: Address
  createdAt: number
  parents: Hex[]
  /**
   * The earlier record of the same bytes that superseded this asset (it then sells nothing and its licenses
   * grant nothing); undefined while the asset stands.
   */
  supersededBy: Hex | undefined
}

/** Where the License contracts are, for every rights action. */
export type RightsContracts = {
  assetRegistry: Address
  consentRegistry: Address
  paymentToken: Address
  licenseToken: Address
}
