import type { Address } from 'viem'
import { type ApiClient, apiRequest } from './apiRequest.js'
import type { ApiRecord } from './types.js'

/**
 * One page of a creator's records, oldest first; pass `nextCursor` back for the next page.
 *
 * @example
 * const { items, nextCursor } = await listRecordsByCreator({ url }, { creator })
 */
export function listRecordsByCreator(
  client: ApiClient,
  { creator, limit = 100, cursor }: { creator: Address; limit?: number; cursor?: number | undefined },
): Promise<{ items: ApiRecord[]; nextCursor: number | null }> {
  const query = `creator=${creator}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
  return apiRequest(client, `/v1/records?${query}`)
}
