import type { Hex } from 'viem'
import { type ApiClient, ApiError, apiRequest } from './apiRequest.js'
import type { ApiRecord } from './types.js'

/**
 * A record by id, or undefined when the server has none.
 *
 * @example
 * const record = await getRecord({ url }, id)
 */
export async function getRecord(client: ApiClient, id: Hex): Promise<ApiRecord | undefined> {
  try {
    return await apiRequest<ApiRecord>(client, `/v1/records/${id}`)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
}
