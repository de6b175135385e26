import type { Hex } from 'viem'
import { hexToBytes } from '../hash/hexBytes.js'
import { hashPair } from './hashPair.js'

const pair = new Uint8Array(64)

/**
 * Whether the proof (packed siblings, or hex siblings) places `leaf` under `root`; the same rule as
 * OpenZeppelin's `MerkleProof.verify` and so as the registry's `verifyInclusion`.
 *
 * @example
 * verifyMerkleProof({ leaf: id, proof, root })
 */
export function verifyMerkleProof({
  leaf,
  proof,
  root,
}: {
  leaf: Hex
  proof: Uint8Array | readonly Hex[]
  root: Hex
}): boolean {
  const siblings = Array.isArray(proof) ? proof.map((p) => hexToBytes(p)) : splitProof(proof as Uint8Array)
  pair.set(hexToBytes(leaf), 0)
  for (const sibling of siblings) {
    if (sibling.length !== 32) return false
    pair.set(sibling, 32)
    pair.set(hashPair(pair, 0, 32), 0)
  }
  return Buffer.from(pair.subarray(0, 32)).equals(Buffer.from(hexToBytes(root)))
}

/** Packed proof bytes as 32-byte siblings. */
export function splitProof(proof: Uint8Array): Uint8Array[] {
  const siblings: Uint8Array[] = []
  for (let i = 0; i < proof.length; i += 32) siblings.push(proof.subarray(i, i + 32))
  return siblings
}
