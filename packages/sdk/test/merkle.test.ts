import { randomBytes } from 'node:crypto'
import { concat, type Hex, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  buildMerkleTree,
  bytesToHex,
  merkleProofBytes,
  merkleRoot,
  splitProof,
  verifyMerkleProof,
} from '../src/index.js'

const leaves = (n: number) => new Uint8Array(randomBytes(32 * n))
const leafAt = (packed: Uint8Array, i: number) => bytesToHex(packed.subarray(i * 32, i * 32 + 32))

/** A slow, obviously-correct reference: the same rule written with viem's keccak over hex. */
function referenceRoot(hexLeaves: Hex[]): Hex {
  let level = hexLeaves
  while (level.length > 1) {
    const next: Hex[] = []
    for (let i = 0; i < level.length; i += 2) {
      const [a, b] = [level[i]!, level[i + 1]]
      next.push(b === undefined ? a : keccak256(a < b ? concat([a, b]) : concat([b, a])))
    }
    level = next
  }
  return level[0]!
}

describe('Merkle trees', () => {
  it('match a reference implementation and verify every leaf’s proof, for 1 to 40 leaves', () => {
    for (let n = 1; n <= 40; n++) {
      const packed = leaves(n)
      const tree = buildMerkleTree(packed)
      const root = merkleRoot(tree)
      expect(root).toBe(referenceRoot(Array.from({ length: n }, (_, i) => leafAt(packed, i))))
      for (let i = 0; i < n; i++)
        expect(verifyMerkleProof({ leaf: leafAt(packed, i), proof: merkleProofBytes(tree, i), root })).toBe(
          true,
        )
    }
  })

  it('reject non-members, tampered proofs and proofs of the wrong length', () => {
    const packed = leaves(13)
    const tree = buildMerkleTree(packed)
    const root = merkleRoot(tree)
    const proof = merkleProofBytes(tree, 5)
    expect(verifyMerkleProof({ leaf: bytesToHex(randomBytes(32)), proof, root })).toBe(false)
    const tampered = proof.slice()
    tampered[3]! ^= 1
    expect(verifyMerkleProof({ leaf: leafAt(packed, 5), proof: tampered, root })).toBe(false)
    expect(verifyMerkleProof({ leaf: leafAt(packed, 5), proof: proof.subarray(0, 40), root })).toBe(false)
    expect(
      verifyMerkleProof({ leaf: leafAt(packed, 5), proof: splitProof(proof).map(bytesToHex), root }),
    ).toBe(true)
  })

  it('refuse empty input and out-of-range leaves', () => {
    expect(() => buildMerkleTree(new Uint8Array(0))).toThrow(RangeError)
    expect(() => merkleProofBytes(buildMerkleTree(leaves(3)), 3)).toThrow(RangeError)
  })
})
