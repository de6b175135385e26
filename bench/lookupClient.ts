import { type Hex, type ProvenanceRecord, recordId, verifyMerkleProof } from '@rightflow/sdk'
import { type Percentiles, percentiles } from './stats.js'

type Found = {
  items: { id: Hex; record: ProvenanceRecord; batch: { root: Hex; proof: Hex[]; status: string } | null }[]
}

export type LookupRun = {
  samples: number
  concurrency: number
  wallSeconds: number
  latency: Percentiles
  /** Mean time of the client-side check alone (recompute the id, verify the proof), in µs. */
  checkMicros: number
  failures: number
}

/**
 * What a verifier does once it has hashed a file: find the record by content hash over HTTP, recompute the
 * record id from the returned statement and check its Merkle proof against the batch root. Each sample is
 * timed from the request to the end of the check; `concurrency` clients run at once.
 */
export async function lookupRun(url: string, hashes: Hex[], concurrency: number): Promise<LookupRun> {
  const latencies: number[] = []
  let checkMs = 0
  let failures = 0
  let next = 0
  const client = async () => {
    while (next < hashes.length) {
      const contentHash = hashes[next++]!
      const start = performance.now()
      const response = await fetch(`${url}/v1/records?contentHash=${contentHash}`)
      const { items } = (await response.json()) as Found
      const checkStart = performance.now()
      const found = items[0]
      const ok =
        response.ok &&
        found?.batch?.status === 'anchored' &&
        recordId(found.record) === found.id &&
        verifyMerkleProof({ leaf: found.id, proof: found.batch.proof, root: found.batch.root })
      const end = performance.now()
      checkMs += end - checkStart
      latencies.push(end - start)
      if (!ok) failures++
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, client))
  return {
    samples: hashes.length,
    concurrency,
    wallSeconds: (performance.now() - start) / 1000,
    latency: percentiles(latencies),
    checkMicros: (checkMs * 1000) / hashes.length,
    failures,
  }
}
