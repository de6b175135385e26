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
export * from './c2pa/index.js'
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
export {
  type SendAnchorBatchParameters,
  type SendAnchorBatchReturnType,
  sendAnchorBatch,
} from './chain/sendAnchorBatch.js'
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
export { assertJsonDepth, JsonTooDeepError, maxJsonDepth } from './hash/jsonDepth.js'
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
export * from './payments/index.js'
export * from './perceptual/index.js'
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
export * from './rights/index.js'
export { redactedUrlMask, redactUrl, redactUrlsInText } from './url/redactUrl.js'
export {
  type MatchKind,
  type RecordCheck,
  type Verdict,
  type VerifyContentReturnType,
  verifyContent,
} from './verify/verifyContent.js'
