import type { Hex } from 'viem'
import { type ApiClient, apiRequest } from './apiRequest.js'
import type { ApiRecord } from './types.js'

export type PerceptualMatchInfo = { kind: 'perceptual'; distance: number; confidence: number }

/**
 * Records whose image looks like the query's (PDQ hashes within `maxDistance` bits), nearest first.
 *
 * @example
 * const matches = await findRecordsByPerceptualHash({ url }, { hash, quality })
 */
export async function findRecordsByPerceptualHash(
  client: ApiClient,
  { hash, quality = 100, maxDistance = 31 }: { hash: Hex; quality?: number; maxDistance?: number },
): Promise<(ApiRecord & { match: PerceptualMatchInfo })[]> {
  const query = `perceptualHash=${hash}&quality=${quality}&maxDistance=${maxDistance}`
  const { items } = await apiRequest<{ items: (ApiRecord & { match: PerceptualMatchInfo })[] }>(
    client,
    `/v1/records?${query}`,
  )
  return items
}
