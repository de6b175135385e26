// A light entry point (no viem runtime import) for worker threads that only check record signatures.
export {
  type VerifyRecordSignatureReturnType,
  verifyRecordSignature,
} from './record/verifyRecordSignature.js'
