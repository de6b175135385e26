import type { Hex } from 'viem'
import { eip712Digest, eip712Separator } from '../hash/eip712Separator.js'
import { bytesToHex } from '../hash/hexBytes.js'
import type { RegistryDomain } from './eip712.js'
import { recordIdBytes } from './recordId.js'
import type { ProvenanceRecord } from './types.js'

/** The EIP-712 domain separator of the registry. */
export function domainSeparatorBytes({ chainId, registry }: RegistryDomain): Uint8Array {
  return eip712Separator('Rightflow Provenance', '1', chainId, registry)
}

/** The digest a creator signs for a record whose id is already known. */
export function digestOfRecordId(id: Uint8Array, domain: RegistryDomain): Uint8Array {
  return eip712Digest(domainSeparatorBytes(domain), id)
}

/**
 * The EIP-712 digest the creator signs: same value as the contract's `recordDigest`.
 *
 * @example
 * recordDigest(record, { chainId: 31337, registry })
 */
export function recordDigest(record: ProvenanceRecord, domain: RegistryDomain): Hex {
  return bytesToHex(digestOfRecordId(recordIdBytes(record), domain))
}
