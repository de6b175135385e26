import type { Hex } from 'viem'
import { type ApiClient, apiRequest } from './apiRequest.js'
import type { ApiRecord } from './types.js'

/**
 * Every record of a file, found by its sha256.
 *
 * @example
 * const records = await findRecordsByContentHash({ url }, contentHash)
 */
export async function findRecordsByContentHash(client: ApiClient, contentHash: Hex): Promise<ApiRecord[]> {
  const { items } = await apiRequest<{ items: ApiRecord[] }>(client, `/v1/records?contentHash=${contentHash}`)
  return items
}
