import { bytesToHex, splitProof } from '@rightflow/sdk'
import type { ProvenanceStore, StoredRecord } from '../store/types.js'

/** The JSON form of a stored record: the signed statement plus where it stands on chain. */
export async function presentRecord(stored: StoredRecord, store: ProvenanceStore) {
  const batch = stored.batchRoot ? await store.getBatch(stored.batchRoot) : undefined
  return {
    id: stored.id,
    record: stored.record,
    signature: stored.signature || null,
    metadata: stored.metadata ?? null,
    mode: stored.mode,
    status: stored.status,
    receivedAt: new Date(stored.receivedAt).toISOString(),
    batch:
      stored.batchRoot && stored.leafIndex !== undefined && stored.proof
        ? {
            root: stored.batchRoot,
            leafIndex: stored.leafIndex,
            proof: splitProof(stored.proof).map(bytesToHex),
            status: batch?.status ?? 'built',
          }
        : null,
    chain: stored.chain ?? null,
  }
}

export type PresentedRecord = Awaited<ReturnType<typeof presentRecord>>
