import {
  anchorBatch,
  buildMerkleTree,
  bytesToHex,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  proveRecordOnChain,
  type RegistryDomain,
  registerRecordOnChain,
  splitProof,
} from '@rightflow/sdk'
import type { ChainContext } from '@rightflow/server'
import { benchKeys, benchRecord } from './records.js'
import { progress } from './stats.js'

export type OursGas = {
  batches: { count: number; gasUsed: bigint }[]
  register: { label: string; parents: number; gasUsed: bigint }[]
  prove: { batchSize: number; siblings: number; gasUsed: bigint } | undefined
}

/** Receipts of our registry's calls: `anchor` per batch size, `register` with 0 and 2 parents, `prove`. */
export async function measureOurGas(chain: ChainContext, batchSizes: number[]): Promise<OursGas> {
  const domain: RegistryDomain = { chainId: chain.chainId, registry: chain.registry }
  const keys = benchKeys(4)
  const { publicClient, walletClient, registry } = chain
  const batches: OursGas['batches'] = []
  let prove: OursGas['prove']
  for (const count of batchSizes) {
    progress(`gas: signing ${count.toLocaleString('en-US')} records and anchoring their root`)
    // Real records with real signatures; the chain sees only the root of their ids.
    const records = Array.from({ length: count }, (_, i) =>
      benchRecord(i, keys[i % keys.length]!, `gas-batch-${count}`, domain),
    )
    const tree = buildMerkleTree(packLeaves(records.map((r) => r.id)))
    const root = merkleRoot(tree)
    const { gasUsed } = await anchorBatch({ publicClient, walletClient, registry, root, count })
    batches.push({ count, gasUsed })
    if (count === Math.max(...batchSizes)) {
      const index = Math.floor(count / 2)
      const proof = splitProof(merkleProofBytes(tree, index)).map(bytesToHex)
      const signed = records[index]!.signed
      const result = await proveRecordOnChain({ publicClient, walletClient, registry, signed, root, proof })
      prove = { batchSize: count, siblings: proof.length, gasUsed: result.gasUsed }
    }
  }

  progress('gas: direct registrations')
  const key = keys[0]!
  const register = async (i: number, namespace: string, parents: Hex[] = []) => {
    const { id, signed } = benchRecord(i, key, namespace, domain, parents)
    const { gasUsed } = await registerRecordOnChain({ publicClient, walletClient, registry, signed })
    return { id, gasUsed }
  }
  const parentA = await register(0, 'direct-parent-a')
  const parentB = await register(0, 'direct-parent-b')
  const parents = [parentA.id, parentB.id].sort()
  return {
    batches,
    register: [
      { label: 'human, no model', parents: 0, gasUsed: (await register(0, 'direct-0')).gasUsed },
      { label: 'human, no model', parents: 2, gasUsed: (await register(0, 'direct-2', parents)).gasUsed },
      {
        label: "AI-assisted, model 'stable-diffusion-xl'",
        parents: 2,
        gasUsed: (await register(2, 'direct-2ai', parents)).gasUsed,
      },
    ],
    prove,
  }
}
