import type { Hex } from 'viem'
import { bytesToHex } from '../hash/hexBytes.js'
import { hashPair } from './hashPair.js'

/**
 * A Merkle tree over 32-byte leaves, kept as one packed byte array per level (level 0 = leaves in
 * insertion order). An odd node at the end of a level is carried up unchanged, so a tree of n leaves
 * costs exactly n - 1 hashes.
 */
export type MerkleTree = { levels: Uint8Array[]; leafCount: number }

/**
 * Builds the tree over packed leaves (`leaves.length` a multiple of 32).
 *
 * @example
 * const tree = buildMerkleTree(packLeaves(ids)); merkleRoot(tree)
 */
export function buildMerkleTree(leaves: Uint8Array): MerkleTree {
  if (leaves.length === 0 || leaves.length % 32 !== 0)
    throw new RangeError('a Merkle tree needs at least one 32-byte leaf')
  const levels = [leaves]
  let level = leaves
  while (level.length > 32) {
    const count = level.length / 32
    const next = new Uint8Array(Math.ceil(count / 2) * 32)
    for (let i = 0; i + 1 < count; i += 2) next.set(hashPair(level, i * 32, (i + 1) * 32), (i / 2) * 32)
    if (count % 2 === 1) next.set(level.subarray((count - 1) * 32), next.length - 32)
    levels.push(next)
    level = next
  }
  return { levels, leafCount: leaves.length / 32 }
}

/** The root of a tree, as hex. */
export function merkleRoot(tree: MerkleTree): Hex {
  return bytesToHex(tree.levels[tree.levels.length - 1]!)
}

/** The sibling path of leaf `index`, bottom-up, as packed bytes (32 bytes per sibling). */
export function merkleProofBytes(tree: MerkleTree, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= tree.leafCount) throw new RangeError('no such leaf')
  const siblings: Uint8Array[] = []
  for (let depth = 0, i = index; depth < tree.levels.length - 1; depth++, i >>= 1) {
    const level = tree.levels[depth]!
    const sibling = i ^ 1
    if (sibling * 32 < level.length) siblings.push(level.subarray(sibling * 32, sibling * 32 + 32))
  }
  const proof = new Uint8Array(siblings.length * 32)
  for (const [k, sibling] of siblings.entries()) proof.set(sibling, k * 32)
  return proof
}

/** Packs hex leaves into the form {@link buildMerkleTree} takes. */
export function packLeaves(leaves: readonly Hex[]): Uint8Array {
  const packed = new Uint8Array(leaves.length * 32)
  for (const [i, leaf] of leaves.entries()) packed.set(Buffer.from(leaf.slice(2), 'hex'), i * 32)
  return packed
}
