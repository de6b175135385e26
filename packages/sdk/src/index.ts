export type { Network, PaymentRequirements, SettleResponse } from '@x402/core/types'
export type { Address, Hex } from 'viem'
export { type ApiClient, ApiError, apiRequest, ServerUnavailableError } from './api/apiRequest.js'
export { findRecordsByContentHash } from './api/findRecordsByContentHash.js'
export { findRecordsByPerceptualHash, type PerceptualMatchInfo } from './api/findRecordsByPerceptualHash.js'
export { findRecordsByPerceptualHashes } from './api/findRecordsByPerceptualHashes.js'
export { getHealth } from './api/getHealth.js'
export { getLineage } from './api/getLineage.js'
export { getRecord } from './api/getRecord.js'
export { listRecordsByCreator } from './api/listRecordsByCreator.js'
export { submitRecord } from './api/submitRecord.js'
export { submitRecords } from './api/submitRecords.js'
export type { ApiRecord, Health, IngestResult, Lineage, LineageNode, Submission } from './api/types.js'
export {
  type ApiAuthorization,
  type ApiRequestMessage,
  apiAuthorizationScheme,
  apiRequestDomain,
  apiRequestTypes,
  maxApiRequestTtlSeconds,
} from './auth/apiRequestTypedData.js'
export { type SignApiRequestParameters, signApiRequest } from './auth/signApiRequest.js'
export {
  ApiAuthorizationError,
  parseApiAuthorization,
  type VerifyApiRequestParameters,
  verifyApiRequest,
} from './auth/verifyApiRequest.js'
export { type CredentialsAgreement, compareWithRecord } from './c2pa/compareWithRecord.js'
export type { ContentCredentials, ContentCredentialsAction } from './c2pa/contentCredentials.js'
export type { C2paSigner } from './c2pa/coseSigner.js'
export {
  type CertificateAuthority,
  type CreateCertificateAuthorityParameters,
  createCertificateAuthority,
} from './c2pa/createCertificateAuthority.js'
export {
  digitalSourceTypeFor,
  iptcDigitalSourceType,
  originFromDigitalSourceType,
} from './c2pa/digitalSourceType.js'
export {
  type EmbedContentCredentialsErrorType,
  type EmbedContentCredentialsParameters,
  type EmbedContentCredentialsReturnType,
  embedContentCredentials,
} from './c2pa/embedContentCredentials.js'
export {
  ContentMismatchError,
  CorruptManifestError,
  EmbedFailedError,
  InvalidAssetError,
  InvalidSignerError,
  RemoteManifestError,
  UnsupportedFormatError,
} from './c2pa/errors.js'
export {
  type CreatorCertificate,
  documentSigningEku,
  type IssueCreatorCertificateParameters,
  issueCreatorCertificate,
} from './c2pa/issueCreatorCertificate.js'
export {
  type EmbeddableMediaType,
  embeddableMediaTypes,
  normalizeMediaType,
  readableMediaTypes,
} from './c2pa/mediaTypes.js'
export {
  type ReadContentCredentialsErrorType,
  type ReadContentCredentialsParameters,
  type ReadContentCredentialsReturnType,
  readContentCredentials,
} from './c2pa/readContentCredentials.js'
export { type RightflowRecordAssertion, rightflowRecordLabel } from './c2pa/rightflowAssertion.js'
export {
  type TrainingMining,
  type TrainingMiningPermission,
  type TrainingMiningUse,
  trainingMiningLabel,
  trainingMiningUses,
} from './c2pa/trainingMining.js'
export { type AnchorBatchParameters, type AnchorBatchReturnType, anchorBatch } from './chain/anchorBatch.js'
export {
  type DeployDeterministicParameters,
  type DeployDeterministicReturnType,
  deployDeterministic,
  deterministicAddress,
} from './chain/deployDeterministic.js'
export {
  create2Deployer,
  type DeployRegistryReturnType,
  deployRegistry,
  registryAddress,
  registrySalt,
} from './chain/deployRegistry.js'
export { getRegistryEvents, type RegistryEvent } from './chain/getRegistryEvents.js'
export { proveRecordOnChain } from './chain/proveRecordOnChain.js'
export { type OnChainBatch, readBatch } from './chain/readBatch.js'
export { type OnChainRecord, readOnChainRecord } from './chain/readOnChainRecord.js'
export {
  type RegisterRecordOnChainParameters,
  type RegisterRecordOnChainReturnType,
  registerRecordOnChain,
} from './chain/registerRecordOnChain.js'
export { verifyInclusionOnChain } from './chain/verifyInclusionOnChain.js'
export { BaseError, type BaseErrorParameters } from './errors/BaseError.js'
export { ChainUnavailableError, RegistryRevertError, toRegistryError } from './errors/chainErrors.js'
export {
  InvalidOriginError,
  InvalidRecordError,
  InvalidSignatureError,
  ModelNotAllowedError,
  ModelRequiredError,
  TooManyParentsError,
} from './errors/recordErrors.js'
export { agentWalletsAbi } from './generated/agentWallets.js'
export { consentRegistryAbi } from './generated/consentRegistry.js'
export { escrowAbi } from './generated/escrow.js'
export { ipAssetRegistryAbi } from './generated/ipAssetRegistry.js'
export { licenseTokenAbi } from './generated/licenseToken.js'
export { paymentChannelsAbi } from './generated/paymentChannels.js'
export { provenanceRegistryAbi } from './generated/provenanceRegistry.js'
export { revenueVaultAbi } from './generated/revenueVault.js'
export { streamsAbi } from './generated/streams.js'
export { testStablecoinAbi } from './generated/testStablecoin.js'
export { canonicalJson } from './hash/canonicalJson.js'
export { bytesToHex, hexToBytes } from './hash/hexBytes.js'
export { keccak256Bytes } from './hash/keccak256.js'
export { type Sha256FileReturnType, sha256Bytes, sha256File } from './hash/sha256File.js'
export {
  decryptKeystore,
  defaultScryptN,
  encryptKeystore,
  InvalidKeystoreError,
  type Keystore,
  WrongPassphraseError,
} from './keys/keystore.js'
export {
  buildMerkleTree,
  type MerkleTree,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
} from './merkle/merkleTree.js'
export { splitProof, verifyMerkleProof } from './merkle/verifyMerkleProof.js'
export {
  type AgentWalletPolicyParameters,
  agentWalletPolicy,
} from './payments/agentWalletPolicy.js'
export { allowPayees } from './payments/allowPayees.js'
export type { ClientChannel } from './payments/channel/ChannelBook.js'
export {
  ChannelClientScheme,
  type ChannelClientSchemeParameters,
} from './payments/channel/ChannelClientScheme.js'
export {
  type ChannelExtra,
  type ChannelPayload,
  type ChannelReceipt,
  type ChannelServerView,
  channelScheme,
  parseChannelExtra,
  parseRoyalty,
  parseServerView,
  royaltyMatches,
} from './payments/channel/channelWire.js'
export {
  type ChannelsDomain,
  channelsDomain,
  recoverVoucherSigner,
  signVoucher,
  signVoucherWithKey,
  type Voucher,
  voucherDigest,
  voucherDigestBytes,
  voucherTypes,
} from './payments/channel/voucher.js'
export {
  type ChannelIdOfParameters,
  type ChannelIdOfReturnType,
  channelIdOf,
} from './payments/channels/channelIdOf.js'
export { type ChannelRoyalty, InvalidRoyaltyShareError } from './payments/channels/channelRoyalty.js'
export {
  type ChannelClaim,
  type ClaimChannelsParameters,
  type ClaimChannelsReturnType,
  claimChannels,
} from './payments/channels/claimChannels.js'
export {
  type CloseChannelWithVoucherParameters,
  type CloseChannelWithVoucherReturnType,
  closeChannelWithVoucher,
} from './payments/channels/closeChannelWithVoucher.js'
export {
  type OpenChannelParameters,
  type OpenChannelReturnType,
  openChannel,
} from './payments/channels/openChannel.js'
export {
  type PaymentChannel,
  type ReadChannelParameters,
  type ReadChannelReturnType,
  readChannel,
} from './payments/channels/readChannel.js'
export {
  type RequestChannelCloseParameters,
  type RequestChannelCloseReturnType,
  requestChannelClose,
} from './payments/channels/requestChannelClose.js'
export {
  type TopUpChannelParameters,
  type TopUpChannelReturnType,
  topUpChannel,
} from './payments/channels/topUpChannel.js'
export {
  type WithdrawChannelParameters,
  type WithdrawChannelReturnType,
  withdrawChannel,
} from './payments/channels/withdrawChannel.js'
export {
  type ChannelPaymentOptions,
  type CreatePayingFetchErrorType,
  type CreatePayingFetchParameters,
  type CreatePayingFetchReturnType,
  createPayingFetch,
  type PayingFetch,
  type PayingScheme,
  type PaymentPolicy,
} from './payments/createPayingFetch.js'
export {
  agentWalletsSalt,
  defaultChallengePeriod,
  deployPayments,
  escrowSalt,
  type PaymentAddresses,
  paymentAddresses,
  paymentChannelsSalt,
  streamsSalt,
} from './payments/deployPayments.js'
export {
  type CreateEscrowParameters,
  type CreateEscrowReturnType,
  createEscrow,
} from './payments/escrow/createEscrow.js'
export {
  type DeliveryReceipt,
  deliveryReceiptDigest,
  deliveryReceiptTypes,
  type EscrowDomain,
  escrowDomain,
} from './payments/escrow/deliveryReceiptTypedData.js'
export {
  type EscrowDeal,
  type ReadEscrowParameters,
  type ReadEscrowReturnType,
  readEscrow,
} from './payments/escrow/readEscrow.js'
export {
  type RefundEscrowParameters,
  type RefundEscrowReturnType,
  refundEscrow,
} from './payments/escrow/refundEscrow.js'
export {
  type ReleaseEscrowParameters,
  type ReleaseEscrowReturnType,
  releaseEscrow,
} from './payments/escrow/releaseEscrow.js'
export {
  type ReleaseEscrowWithReceiptParameters,
  type ReleaseEscrowWithReceiptReturnType,
  releaseEscrowWithReceipt,
} from './payments/escrow/releaseEscrowWithReceipt.js'
export {
  type SignDeliveryReceiptParameters,
  type SignDeliveryReceiptReturnType,
  signDeliveryReceipt,
} from './payments/escrow/signDeliveryReceipt.js'
export type { PaymentContracts } from './payments/paymentContracts.js'
export {
  AssetNotAllowedError,
  NoPaymentOptionError,
  OverBudgetError,
  PayeeNotAllowedError,
  PaymentFailedError,
  PaymentRejectedError,
} from './payments/paymentErrors.js'
export { paymentsErrorsAbi } from './payments/paymentsErrorsAbi.js'
export { readPaymentResponse } from './payments/readPaymentResponse.js'
export {
  type AllowedAsset,
  type SpendRules,
  selectPayableRequirements,
} from './payments/selectPayableRequirements.js'
export {
  type CancelStreamParameters,
  type CancelStreamReturnType,
  cancelStream,
} from './payments/streams/cancelStream.js'
export {
  type OpenStreamParameters,
  type OpenStreamReturnType,
  openStream,
} from './payments/streams/openStream.js'
export {
  type PaymentStream,
  type ReadStreamParameters,
  type ReadStreamReturnType,
  readStream,
} from './payments/streams/readStream.js'
export {
  type TopUpStreamParameters,
  type TopUpStreamReturnType,
  topUpStream,
} from './payments/streams/topUpStream.js'
export {
  type WithdrawFromStreamParameters,
  type WithdrawFromStreamReturnType,
  withdrawFromStream,
} from './payments/streams/withdrawFromStream.js'
export { type AgentPayParameters, type AgentPayReturnType, agentPay } from './payments/wallets/agentPay.js'
export {
  type AgentPayment,
  type AgentWalletsDomain,
  agentPaymentDigest,
  agentPaymentTypes,
  agentWalletsDomain,
} from './payments/wallets/agentPaymentTypedData.js'
export type { AgentPolicy, AgentPolicyInput } from './payments/wallets/agentPolicy.js'
export {
  type ChannelAccountOfParameters,
  type ChannelAccountOfReturnType,
  channelAccountOf,
} from './payments/wallets/channelAccountOf.js'
export {
  type CreateAgentWalletParameters,
  type CreateAgentWalletReturnType,
  createAgentWallet,
} from './payments/wallets/createAgentWallet.js'
export {
  type DepositToAgentWalletParameters,
  type DepositToAgentWalletReturnType,
  depositToAgentWallet,
} from './payments/wallets/depositToAgentWallet.js'
export {
  type ListAgentPayeesParameters,
  type ListAgentPayeesReturnType,
  listAgentPayees,
} from './payments/wallets/listAgentPayees.js'
export {
  type OpenChannelFromWalletParameters,
  type OpenChannelFromWalletReturnType,
  openChannelFromWallet,
} from './payments/wallets/openChannelFromWallet.js'
export {
  type PayAgentPaymentBySigParameters,
  type PayAgentPaymentBySigReturnType,
  payAgentPaymentBySig,
} from './payments/wallets/payAgentPaymentBySig.js'
export {
  type AgentWallet,
  type ReadAgentWalletParameters,
  type ReadAgentWalletReturnType,
  readAgentWallet,
} from './payments/wallets/readAgentWallet.js'
export {
  type ReclaimChannelParameters,
  type ReclaimChannelReturnType,
  reclaimChannel,
} from './payments/wallets/reclaimChannel.js'
export {
  type RequestWalletChannelCloseParameters,
  type RequestWalletChannelCloseReturnType,
  requestWalletChannelClose,
} from './payments/wallets/requestWalletChannelClose.js'
export {
  type SetAgentPayeeParameters,
  type SetAgentPayeeReturnType,
  setAgentPayee,
} from './payments/wallets/setAgentPayee.js'
export {
  type SetAgentPolicyParameters,
  type SetAgentPolicyReturnType,
  setAgentPolicy,
} from './payments/wallets/setAgentPolicy.js'
export {
  type SetAgentWalletPausedParameters,
  type SetAgentWalletPausedReturnType,
  setAgentWalletPaused,
} from './payments/wallets/setAgentWalletPaused.js'
export {
  type SignAgentPaymentParameters,
  type SignAgentPaymentReturnType,
  signAgentPayment,
} from './payments/wallets/signAgentPayment.js'
export {
  type WithdrawFromAgentWalletParameters,
  type WithdrawFromAgentWalletReturnType,
  withdrawFromAgentWallet,
} from './payments/wallets/withdrawFromAgentWallet.js'
export { hammingDistance, hammingDistanceWords, popcount32 } from './perceptual/hammingDistance.js'
export { matchConfidence } from './perceptual/matchConfidence.js'
export {
  defaultMatchDistance,
  type PerceptualAnyMatch,
  PerceptualIndex,
  type PerceptualMatch,
} from './perceptual/PerceptualIndex.js'
export { type PdqHashParameters, type PdqHashReturnType, pdqBits, pdqHash } from './perceptual/pdqHash.js'
export { isPerceptualHash, perceptualHashToWords, wordsToPerceptualHash } from './perceptual/pdqHex.js'
export { type PdqReframedHashesParameters, pdqReframedHashes } from './perceptual/pdqReframedHashes.js'
export {
  CorruptImageError,
  ImageFileNotFoundError,
  ImageTooLargeError,
  InvalidPerceptualHashError,
  InvalidPixelsError,
  UnsupportedImageError,
} from './perceptual/perceptualErrors.js'
export {
  defaultMaxImagePixels,
  type PerceptualHashImageErrorType,
  type PerceptualHashImageParameters,
  type PerceptualHashImageReturnType,
  perceptualHashImage,
} from './perceptual/perceptualHashImage.js'
export { type CreateRecordParameters, createRecord, metadataHash } from './record/createRecord.js'
export { provenanceDomain, type RegistryDomain, recordTypeString, recordTypes } from './record/eip712.js'
export { digestOfRecordId, domainSeparatorBytes, recordDigest } from './record/recordDigest.js'
export { recordId, recordIdBytes } from './record/recordId.js'
export { recoverSigner } from './record/recoverSigner.js'
export { signRecord } from './record/signRecord.js'
export { fromTypedMessage, type RecordMessage, toTypedMessage } from './record/toTypedMessage.js'
export {
  maxParents,
  type Origin,
  origins,
  originsRequiringModel,
  type ProvenanceRecord,
  type RecordMetadata,
  type SignedRecord,
  zeroHash,
} from './record/types.js'
export { validateRecord } from './record/validateRecord.js'
export {
  type VerifyRecordSignatureReturnType,
  verifyRecordSignature,
} from './record/verifyRecordSignature.js'
export {
  type BuyLicenseParameters,
  type BuyLicenseReturnType,
  buyLicense,
} from './rights/buyLicense.js'
export {
  type CheckLicenseParameters,
  type CheckLicenseReturnType,
  checkLicense,
} from './rights/checkLicense.js'
export { type CheckUseParameters, type CheckUseReturnType, checkUse } from './rights/checkUse.js'
export {
  type ClaimRoyaltiesParameters,
  type ClaimRoyaltiesReturnType,
  claimRoyalties,
} from './rights/claimRoyalties.js'
export {
  type ConsentGrant,
  type ConsentMessage,
  consentDigest,
  consentDomain,
  consentId,
  consentMessage,
  consentTypes,
} from './rights/consentTypedData.js'
export {
  type CreateAssetParameters,
  type CreateAssetReturnType,
  createAsset,
} from './rights/createAsset.js'
export {
  type CreateDerivativeParameters,
  type CreateDerivativeReturnType,
  createDerivative,
} from './rights/createDerivative.js'
export {
  assetRegistrySalt,
  consentRegistrySalt,
  type DeployRightsParameters,
  deployRights,
  type RightsAddresses,
  rightsAddresses,
  testStablecoinAddress,
  testStablecoinSalt,
} from './rights/deployRights.js'
export {
  assetIdToTokenId,
  decodeTerms,
  encodeTerms,
  InvalidTermsError,
  licenseIdOf,
  parseLicenseId,
  type TermsTuple,
  tokenIdToAssetId,
} from './rights/encodeTerms.js'
export {
  type EnsureAllowanceParameters,
  type EnsureAllowanceReturnType,
  ensureAllowance,
} from './rights/ensureAllowance.js'
export {
  type GrantConsentParameters,
  type GrantConsentReturnType,
  grantConsent,
} from './rights/grantConsent.js'
export {
  type ConsentRecord,
  type ListConsentsParameters,
  type ListConsentsReturnType,
  listConsents,
} from './rights/listConsents.js'
export {
  type HeldLicense,
  type ListLicensesParameters,
  type ListLicensesReturnType,
  listLicenses,
} from './rights/listLicenses.js'
export { type ListTermsParameters, type ListTermsReturnType, listTerms } from './rights/listTerms.js'
export {
  type MintTestStablecoinParameters,
  type MintTestStablecoinReturnType,
  mintTestStablecoin,
} from './rights/mintTestStablecoin.js'
export {
  type PayAncestorsParameters,
  type PayAncestorsReturnType,
  payAncestors,
} from './rights/payAncestors.js'
export { type PayRoyaltyParameters, type PayRoyaltyReturnType, payRoyalty } from './rights/payRoyalty.js'
export { type ReadAssetParameters, type ReadAssetReturnType, readAsset } from './rights/readAsset.js'
export {
  type ReadPaymentBalanceParameters,
  type ReadPaymentBalanceReturnType,
  readPaymentBalance,
} from './rights/readPaymentBalance.js'
export {
  type ReadRoyaltiesParameters,
  type ReadRoyaltiesReturnType,
  readRoyalties,
} from './rights/readRoyalties.js'
export { type ReadTermsParameters, type ReadTermsReturnType, readTerms } from './rights/readTerms.js'
export {
  type RetireTermsParameters,
  type RetireTermsReturnType,
  retireTerms,
} from './rights/retireTerms.js'
export {
  type RevokeConsentParameters,
  type RevokeConsentReturnType,
  revokeConsent,
} from './rights/revokeConsent.js'
export {
  AccountRequiredError,
  InsufficientGasFundsError,
  NothingToClaimError,
  rightsErrorsAbi,
  TransactionRevertedError,
  toRightsError,
} from './rights/rightsErrors.js'
export { type SetTermsParameters, type SetTermsReturnType, setTerms } from './rights/setTerms.js'
export {
  PermitUnsupportedError,
  type SignPermitParameters,
  type SignPermitReturnType,
  signPermit,
} from './rights/signPermit.js'
export {
  type TransferSharesParameters,
  type TransferSharesReturnType,
  transferShares,
} from './rights/transferShares.js'
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
} from './rights/types.js'
export { formatUsd, InvalidAmountError, parseUsd, usdDecimals } from './rights/usd.js'
export {
  type MatchKind,
  type RecordCheck,
  type Verdict,
  type VerifyContentReturnType,
  verifyContent,
} from './verify/verifyContent.js'
