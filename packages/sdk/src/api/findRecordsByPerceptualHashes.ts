import type { Hex } from 'viem'
import { type ApiClient, apiRequest } from './apiRequest.js'
import type { PerceptualMatchInfo } from './findRecordsByPerceptualHash.js'
import type { ApiRecord } from './types.js'

/**
 * Records whose image is near any of several query hashes — a possibly cropped copy's own hash plus its
 * re-framed hashes (`perceptualHashImage({ reframe: true })`) — best match per record, nearest first.
 *
 * @example
 * const matches = await findRecordsByPerceptualHashes({ url }, { hashes: [hash, ...reframed], quality })
 */
export async function findRecordsByPerceptualHashes(
  client: ApiClient,
  {
    hashes,
    quality = 100,
    maxDistance = 31,
  }: { hashes: readonly Hex[]; quality?: number; maxDistance?: number },
): Promise<(ApiRecord & { match: PerceptualMatchInfo })[]> {
  const { items } = await apiRequest<{ items: (ApiRecord & { match: PerceptualMatchInfo })[] }>(
    client,
    '/v1/records/perceptual-search',
    { method: 'POST', body: { hashes, quality, maxDistance } },
  )
  return items
}
