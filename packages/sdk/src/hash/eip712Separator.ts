import type { Address } from 'viem'
import { hexToBytes } from './hexBytes.js'
import { keccak256Bytes } from './keccak256.js'

const encoder = new TextEncoder()
const domainTypeHash = keccak256Bytes(
  encoder.encode('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
)
const separators = new Map<string, Uint8Array>()

/**
 * The EIP-712 domain separator of a contract (name, version, chainId, verifyingContract), computed with the
 * WebAssembly keccak and cached per domain: hot paths (record ingest, voucher checks) hash one digest per
 * message and must not rebuild it each time.
 */
export function eip712Separator(name: string, version: string, chainId: number, verifyingContract: Address) {
  const key = `${name}\u0000${version}\u0000${chainId}\u0000${verifyingContract.toLowerCase()}`
  let separator = separators.get(key)
  if (!separator) {
    const encoded = new Uint8Array(160)
    encoded.set(domainTypeHash, 0)
    encoded.set(keccak256Bytes(encoder.encode(name)), 32)
    encoded.set(keccak256Bytes(encoder.encode(version)), 64)
    new DataView(encoded.buffer).setBigUint64(96 + 24, BigInt(chainId))
    encoded.set(hexToBytes(verifyingContract), 128 + 12)
    separator = keccak256Bytes(encoded)
    separators.set(key, separator)
  }
  return separator
}

/** keccak256(0x1901 ‖ separator ‖ structHash): the digest an EIP-712 signer signs. */
export function eip712Digest(separator: Uint8Array, structHash: Uint8Array): Uint8Array {
  const encoded = new Uint8Array(66)
  encoded[0] = 0x19
  encoded[1] = 0x01
  encoded.set(separator, 2)
  encoded.set(structHash, 34)
  return keccak256Bytes(encoded)
}
