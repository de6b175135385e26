// The public exports of the c2pa module; re-exported by the package index.
export { type CredentialsAgreement, compareWithRecord } from './compareWithRecord.js'
export type { ContentCredentials, ContentCredentialsAction } from './contentCredentials.js'
export type { C2paSigner } from './coseSigner.js'
export {
  type CertificateAuthority,
  type CreateCertificateAuthorityParameters,
  createCertificateAuthority,
} from './createCertificateAuthority.js'
export {
  digitalSourceTypeFor,
  iptcDigitalSourceType,
  originFromDigitalSourceType,
} from './digitalSourceType.js'
export {
  type EmbedContentCredentialsErrorType,
  type EmbedContentCredentialsParameters,
  type EmbedContentCredentialsReturnType,
  embedContentCredentials,
} from './embedContentCredentials.js'
export {
  ContentMismatchError,
  CorruptManifestError,
  EmbedFailedError,
  InvalidAssetError,
  InvalidSignerError,
  RemoteManifestError,
  UnsupportedFormatError,
} from './errors.js'
export {
  type CreatorCertificate,
  documentSigningEku,
  type IssueCreatorCertificateParameters,
  issueCreatorCertificate,
} from './issueCreatorCertificate.js'
export {
  type EmbeddableMediaType,
  embeddableMediaTypes,
  normalizeMediaType,
  readableMediaTypes,
} from './mediaTypes.js'
export {
  type ReadContentCredentialsErrorType,
  type ReadContentCredentialsParameters,
  type ReadContentCredentialsReturnType,
  readContentCredentials,
} from './readContentCredentials.js'
export { type RightflowRecordAssertion, rightflowRecordLabel } from './rightflowAssertion.js'
export {
  type TrainingMining,
  type TrainingMiningPermission,
  type TrainingMiningUse,
  trainingMiningLabel,
  trainingMiningUses,
} from './trainingMining.js'
