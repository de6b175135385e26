import type { ApiClient } from './apiRequest.js'
import { apiRequest } from './apiRequest.js'
import type { IngestResult, Submission } from './types.js'

/**
 * Registers one signed record (batch mode unless `mode: 'direct'`).
 *
 * @example
 * const { id } = await submitRecord({ url }, { ...signed, metadata: { title: 'Sunset' } })
 */
export function submitRecord(client: ApiClient, submission: Submission): Promise<IngestResult> {
  return apiRequest(client, '/v1/records', { method: 'POST', body: submission })
}
