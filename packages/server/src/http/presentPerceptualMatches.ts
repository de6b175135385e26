import { type Hex, matchConfidence } from '@rightflow/sdk'
import type { ProvenanceStore } from '../store/types.js'
import { type PresentedRecord, presentRecord } from './presentRecord.js'

export type PerceptualMatchInfo = { kind: 'perceptual'; distance: number; confidence: number }

/**
 * The 20 nearest perceptual matches as records, each with its distance and a confidence that accounts
 * for the weaker of the two PDQ qualities (the query's and the record's).
 */
export async function presentPerceptualMatches(
  store: ProvenanceStore,
  matches: readonly { id: Hex; distance: number }[],
  { quality, maxDistance }: { quality: number; maxDistance: number },
): Promise<(PresentedRecord & { match: PerceptualMatchInfo })[]> {
  const items = []
  for (const { id, distance } of matches.slice(0, 20)) {
    const stored = await store.getRecord(id)
    if (!stored) continue
    const storedQuality = Number(stored.metadata?.perceptualQuality ?? 100)
    const confidence = matchConfidence(distance, Math.min(quality, storedQuality), maxDistance)
    items.push({
      ...(await presentRecord(stored, store)),
      match: { kind: 'perceptual' as const, distance, confidence },
    })
  }
  return items
}
