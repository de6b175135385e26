import type { ApiClient } from './apiRequest.js'
import { apiRequest } from './apiRequest.js'
import type { IngestResult, Submission } from './types.js'

/**
 * Registers up to 1,000 signed records in one request; all are checked before any is stored.
 * Records already registered come back with status `exists`.
 *
 * @example
 * const results = await submitRecords({ url }, signedRecords)
 */
export async function submitRecords(client: ApiClient, submissions: Submission[]): Promise<IngestResult[]> {
  const { results } = await apiRequest<{ results: IngestResult[] }>(client, '/v1/records/batch', {
    method: 'POST',
    body: { records: submissions },
  })
  return results
}
