import type { Hex } from 'viem'
import { bytesToHex } from '../hash/hexBytes.js'
import type { RegistryDomain } from './eip712.js'
import { digestOfRecordId } from './recordDigest.js'
import { recordIdBytes } from './recordId.js'
import { recoverSigner } from './recoverSigner.js'
import type { SignedRecord } from './types.js'

export type VerifyRecordSignatureReturnType =
  | { valid: true; id: Hex }
  | { valid: false; id: Hex; recovered: Hex | undefined }

/**
 * Checks that a record was signed by its creator for this chain and registry. A signature made for
 * another chain or registry recovers to a different address, so it fails here (replay protection
 * across chains); replays on the same chain are the same record id and are refused as duplicates.
 *
 * @example
 * const { valid, id } = verifyRecordSignature(signed, { chainId, registry })
 */
export function verifyRecordSignature(
  { record, signature }: SignedRecord,
  domain: RegistryDomain,
): VerifyRecordSignatureReturnType {
  const idBytes = recordIdBytes(record)
  const id = bytesToHex(idBytes)
  const recovered = recoverSigner(digestOfRecordId(idBytes, domain), signature)
  if (recovered && recovered === record.creator.toLowerCase()) return { valid: true, id }
  return { valid: false, id, recovered }
}
