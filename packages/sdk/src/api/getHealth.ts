import { type ApiClient, ApiError, apiRequest } from './apiRequest.js'
import type { Health } from './types.js'

/**
 * The server's health, chain id and registry address (a degraded server still answers).
 *
 * @example
 * const { chain } = await getHealth({ url })
 */
export async function getHealth(client: ApiClient): Promise<Health> {
  try {
    return await apiRequest<Health>(client, '/health')
  } catch (error) {
    // 503 still carries the health document.
    if (error instanceof ApiError && error.status === 503) return apiRequestBody(client)
    throw error
  }
}

async function apiRequestBody(client: ApiClient): Promise<Health> {
  const response = await (client.fetch ?? fetch)(`${client.url.replace(/\/$/, '')}/health`)
  return (await response.json()) as Health
}
