import { randomBytes } from 'node:crypto'
import { buildMerkleTree, bytesToHex, merkleProofBytes, merkleRoot, verifyMerkleProof } from '@rightflow/sdk'
import { sizes } from './config.js'
import { fixed, int, type Section, verdict } from './section.js'
import { progress } from './stats.js'

export const merkleTargetSeconds = 3
const repetitions = 3

/** The Merkle root over a million leaves on one core (the batcher's work), and every leaf's proof. */
export async function runMerkle(): Promise<Section> {
  const leafCount = sizes.merkleLeaves
  progress(`merkle: ${repetitions} trees over ${int(leafCount)} leaves, then every proof`)
  const buffer = randomBytes(32 * leafCount)
  const leaves = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)
  const times: number[] = []
  let tree = buildMerkleTree(leaves.subarray(0, 32 * 1_000)) // warms the JIT and the wasm hasher
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now()
    tree = buildMerkleTree(leaves)
    times.push((performance.now() - start) / 1000)
  }
  const root = merkleRoot(tree)
  const proofStart = performance.now()
  const proofs = Array.from({ length: leafCount }, (_, i) => merkleProofBytes(tree, i))
  const proofSeconds = (performance.now() - proofStart) / 1000
  // Spot-check the tree the times are for (not timed).
  let bad = 0
  for (let k = 0; k < 100; k++) {
    const i = Math.floor(Math.random() * leafCount)
    const leaf = bytesToHex(leaves.subarray(32 * i, 32 * i + 32))
    if (!verifyMerkleProof({ leaf, proof: proofs[i]!, root })) bad++
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return {
    id: 'merkle',
    summary: [
      {
        target: `Merkle root over ${int(leafCount)} leaves on one core: ≤ ${merkleTargetSeconds} s`,
        result: `${fixed(median)} s`,
        met: median <= merkleTargetSeconds,
      },
    ],
    title: `4. Merkle tree over ${int(leafCount)} leaves, one core`,
    tables: [
      {
        headers: ['work', 'seconds', 'per leaf', 'target', ''],
        rows: [
          [
            `root: \`buildMerkleTree\` (median of ${repetitions}; best ${fixed(sorted[0]!)} s)`,
            `**${fixed(median)}**`,
            `${fixed((median * 1e6) / leafCount)} µs`,
            `≤ ${merkleTargetSeconds} s`,
            verdict(median <= merkleTargetSeconds),
          ],
          [
            'every leaf’s proof: `merkleProofBytes` × n',
            fixed(proofSeconds),
            `${fixed((proofSeconds * 1e6) / leafCount)} µs`,
            '',
            '',
          ],
        ],
      },
    ],
    notes: [
      `${int(leafCount)} random 32-byte leaves in one packed buffer (what \`packLeaves\` returns), ${int(leafCount - 1)} keccak256 pair hashes (hash-wasm) on the main thread. Proofs are ${tree.levels.length - 1} siblings deep; 100 random ones were checked against the root with \`verifyMerkleProof\`${bad ? `: ${bad} FAILED` : ', all valid'}.`,
    ],
  }
}
