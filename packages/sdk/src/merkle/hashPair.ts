import { keccak256Bytes } from '../hash/keccak256.js'

const scratch = new Uint8Array(64)

/**
 * keccak256 of the two 32-byte nodes in ascending order: OpenZeppelin's commutative hash, so proofs
 * need no left/right flags and verify with `MerkleProof.verify`.
 */
export function hashPair(source: Uint8Array, a: number, b: number): Uint8Array {
  if (compare32(source, a, b) <= 0) {
    scratch.set(source.subarray(a, a + 32), 0)
    scratch.set(source.subarray(b, b + 32), 32)
  } else {
    scratch.set(source.subarray(b, b + 32), 0)
    scratch.set(source.subarray(a, a + 32), 32)
  }
  return keccak256Bytes(scratch)
}

function compare32(source: Uint8Array, a: number, b: number): number {
  for (let i = 0; i < 32; i++) {
    const diff = source[a + i]! - source[b + i]!
    if (diff !== 0) return diff
  }
  return 0
}
