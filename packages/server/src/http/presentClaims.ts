import type { Hex } from '@rightflow/sdk'
import type { ProvenanceStore, StoredRecord } from '../store/types.js'
import { type PresentedRecord, presentRecord } from './presentRecord.js'

/**
 * Where a record stands among the claims on its bytes. Rights follow the earliest anchored claim:
 * - `earliest`: this record is that claim;
 * - otherwise `earlierRecord` names it, when one is on chain (a later claim can be recorded, never rights);
 *   null when no record of these bytes is anchored yet (no claim is established, so none is called earliest).
 */
export type ClaimStanding = { earliest: boolean; earlierRecord: Hex | null }

/**
 * Presents the records of one set of bytes, as the store lists them (earliest claim first), each with its
 * claim standing.
 */
export async function presentClaims(
  records: StoredRecord[],
  store: ProvenanceStore,
): Promise<(PresentedRecord & { claim: ClaimStanding })[]> {
  const earliest = records[0]?.chain ? records[0] : undefined
  return Promise.all(
    records.map(async (r) => ({
      ...(await presentRecord(r, store)),
      claim: claimStanding(r, earliest),
    })),
  )
}

function claimStanding(record: StoredRecord, earliest: StoredRecord | undefined): ClaimStanding {
  if (!earliest) return { earliest: false, earlierRecord: null }
  return record.id === earliest.id
    ? { earliest: true, earlierRecord: null }
    : { earliest: false, earlierRecord: earliest.id }
}
