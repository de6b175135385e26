import type { Hex } from 'viem'
import { bytesToHex, hexToBytes } from '../hash/hexBytes.js'
import { keccak256Bytes } from '../hash/keccak256.js'
import { recordTypeString } from './eip712.js'
import { origins, type ProvenanceRecord } from './types.js'

const textEncoder = new TextEncoder()
const recordTypeHash = keccak256Bytes(textEncoder.encode(recordTypeString))

/**
 * The id of a record: its EIP-712 struct hash, as bytes. Same value as the contract's `recordId`.
 *
 * Written out by hand rather than through viem's `hashStruct` because ingest computes it thousands of
 * times a second; a test pins it to viem's and the contract's results.
 */
export function recordIdBytes(record: ProvenanceRecord): Uint8Array {
  const encoded = new Uint8Array(320)
  encoded.set(recordTypeHash, 0)
  encoded.set(hexToBytes(record.creator), 32 + 12)
  encoded.set(hexToBytes(record.contentHash), 64)
  writeUint64(encoded, 96, record.size)
  encoded.set(keccak256Bytes(textEncoder.encode(record.mediaType)), 128)
  encoded[191] = origins.indexOf(record.origin)
  encoded.set(keccak256Bytes(textEncoder.encode(record.model)), 192)
  const parents = new Uint8Array(32 * record.parents.length)
  for (const [i, parent] of record.parents.entries()) parents.set(hexToBytes(parent), 32 * i)
  encoded.set(keccak256Bytes(parents), 224)
  encoded.set(hexToBytes(record.metadataHash), 256)
  writeUint64(encoded, 288, record.createdAt)
  return keccak256Bytes(encoded)
}

/**
 * The id of a record, as hex.
 *
 * @example
 * const id = recordId(record) // '0x3f…'
 */
export function recordId(record: ProvenanceRecord): Hex {
  return bytesToHex(recordIdBytes(record))
}

function writeUint64(target: Uint8Array, wordOffset: number, value: number): void {
  new DataView(target.buffer).setBigUint64(wordOffset + 24, BigInt(value))
}
