import type { Hex } from 'viem'
import { bytesToHex, hexToBytes } from '../hash/hexBytes.js'
import { keccak256Bytes } from '../hash/keccak256.js'
import type { RegistryDomain } from './eip712.js'
import { recordIdBytes } from './recordId.js'
import type { ProvenanceRecord } from './types.js'

const textEncoder = new TextEncoder()
const domainTypeHash = keccak256Bytes(
  textEncoder.encode('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
)
const separators = new Map<string, Uint8Array>()

/** The EIP-712 domain separator of the registry, cached per chain and address. */
export function domainSeparatorBytes({ chainId, registry }: RegistryDomain): Uint8Array {
  const key = `${chainId}:${registry.toLowerCase()}`
  let separator = separators.get(key)
  if (!separator) {
    const encoded = new Uint8Array(160)
    encoded.set(domainTypeHash, 0)
    encoded.set(keccak256Bytes(textEncoder.encode('Rightflow Provenance')), 32)
    encoded.set(keccak256Bytes(textEncoder.encode('1')), 64)
    new DataView(encoded.buffer).setBigUint64(96 + 24, BigInt(chainId))
    encoded.set(hexToBytes(registry), 128 + 12)
    separator = keccak256Bytes(encoded)
    separators.set(key, separator)
  }
  return separator
}

/** The digest a creator signs for a record whose id is already known. */
export function digestOfRecordId(id: Uint8Array, domain: RegistryDomain): Uint8Array {
  const encoded = new Uint8Array(66)
  encoded[0] = 0x19
  encoded[1] = 0x01
  encoded.set(domainSeparatorBytes(domain), 2)
  encoded.set(id, 34)
  return keccak256Bytes(encoded)
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
