// The public exports of the rights module; re-exported by the package index.
export {
  type BuyLicenseParameters,
  type BuyLicenseReturnType,
  buyLicense,
} from './buyLicense.js'
export {
  type CheckLicenseParameters,
  type CheckLicenseReturnType,
  checkLicense,
} from './checkLicense.js'
export { type CheckUseParameters, type CheckUseReturnType, checkUse } from './checkUse.js'
export {
  type ClaimRoyaltiesParameters,
  type ClaimRoyaltiesReturnType,
  claimRoyalties,
} from './claimRoyalties.js'
export {
  type ConsentGrant,
  type ConsentMessage,
  consentDigest,
  consentDomain,
  consentId,
  consentMessage,
  consentTypes,
} from './consentTypedData.js'
export {
  type CreateAssetParameters,
  type CreateAssetReturnType,
  createAsset,
} from './createAsset.js'
export {
  type CreateDerivativeParameters,
  type CreateDerivativeReturnType,
  createDerivative,
} from './createDerivative.js'
export {
  assetRegistrySalt,
  consentRegistrySalt,
  type DeployRightsParameters,
  deployRights,
  type RightsAddresses,
  rightsAddresses,
  testStablecoinAddress,
  testStablecoinSalt,
} from './deployRights.js'
export {
  assetIdToTokenId,
  decodeTerms,
  encodeTerms,
  InvalidTermsError,
  licenseIdOf,
  parseLicenseId,
  type TermsTuple,
  tokenIdToAssetId,
} from './encodeTerms.js'
export {
  type EnsureAllowanceParameters,
  type EnsureAllowanceReturnType,
  ensureAllowance,
} from './ensureAllowance.js'
export {
  type GrantConsentParameters,
  type GrantConsentReturnType,
  grantConsent,
} from './grantConsent.js'
export {
  type ConsentRecord,
  type ListConsentsParameters,
  type ListConsentsReturnType,
  listConsents,
} from './listConsents.js'
export {
  type HeldLicense,
  type ListLicensesParameters,
  type ListLicensesReturnType,
  listLicenses,
} from './listLicenses.js'
export { type ListTermsParameters, type ListTermsReturnType, listTerms } from './listTerms.js'
export {
  type MintTestStablecoinParameters,
  type MintTestStablecoinReturnType,
  mintTestStablecoin,
} from './mintTestStablecoin.js'
export {
  type PayAncestorsParameters,
  type PayAncestorsReturnType,
  payAncestors,
} from './payAncestors.js'
export { type PayRoyaltyParameters, type PayRoyaltyReturnType, payRoyalty } from './payRoyalty.js'
export { type ReadAssetParameters, type ReadAssetReturnType, readAsset } from './readAsset.js'
export {
  type ReadPaymentBalanceParameters,
  type ReadPaymentBalanceReturnType,
  readPaymentBalance,
} from './readPaymentBalance.js'
export {
  type ReadRoyaltiesParameters,
  type ReadRoyaltiesReturnType,
  readRoyalties,
} from './readRoyalties.js'
export { type ReadTermsParameters, type ReadTermsReturnType, readTerms } from './readTerms.js'
export {
  type ReinstateAssetParameters,
  type ReinstateAssetReturnType,
  reinstateAsset,
} from './reinstateAsset.js'
export {
  type RetireTermsParameters,
  type RetireTermsReturnType,
  retireTerms,
} from './retireTerms.js'
export {
  type RevokeConsentParameters,
  type RevokeConsentReturnType,
  revokeConsent,
} from './revokeConsent.js'
export {
  AccountRequiredError,
  InsufficientGasFundsError,
  NothingToClaimError,
  rightsErrorsAbi,
  TransactionRevertedError,
  toRightsError,
} from './rightsErrors.js'
export { type SetTermsParameters, type SetTermsReturnType, setTerms } from './setTerms.js'
export {
  PermitUnsupportedError,
  type SignPermitParameters,
  type SignPermitReturnType,
  signPermit,
} from './signPermit.js'
export {
  type SupersedeAssetParameters,
  type SupersedeAssetReturnType,
  supersedeAsset,
} from './supersedeAsset.js'
export {
  type TransferSharesParameters,
  type TransferSharesReturnType,
  transferShares,
} from './transferShares.js'
export {
  type AiUse,
  type AssetKind,
  aiUses,
  assetKinds,
  cawgUseOf,
  type IpAsset,
  type LicenseTerms,
  type RightsContracts,
  type TermsRecord,
  type UseTerms,
} from './types.js'
export { formatUsd, InvalidAmountError, parseUsd, usdDecimals } from './usd.js'
