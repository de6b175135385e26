import type { Hex } from 'viem'
import { type ApiClient, apiRequest } from './apiRequest.js'
import type { Lineage } from './types.js'

/**
 * Ancestors and descendants of a record, as trees.
 *
 * @example
 * const { ancestors, descendants } = await getLineage({ url }, id)
 */
export function getLineage(client: ApiClient, id: Hex, depth = 16): Promise<Lineage> {
  return apiRequest(client, `/v1/records/${id}/lineage?depth=${depth}`)
}
