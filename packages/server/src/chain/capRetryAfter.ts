/** The longest a request waits on an RPC's `Retry-After` before retrying (viem otherwise waits as long as told). */
export const maxRetryAfterSeconds = 1

/**
 * A fetch for viem's http transport that caps a rate-limited answer's `Retry-After`. viem honours the header as
 * given, so a provider answering 429 with `Retry-After: 3600` would hold every request that touches the chain
 * (a payment, a direct registration, /health) for an hour; capped, the retry comes soon and, if still limited,
 * the caller answers `chain_unavailable` at once.
 *
 * @example
 * http(rpcUrl, { fetchFn: capRetryAfter() })
 */
export function capRetryAfter(fetchFn: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchFn(input, init)
    const retryAfter = response.headers.get('retry-after')
    if (retryAfter === null) return response
    const seconds = Number.parseInt(retryAfter, 10)
    if (!Number.isNaN(seconds) && seconds <= maxRetryAfterSeconds) return response
    const headers = new Headers(response.headers)
    headers.set('retry-after', String(maxRetryAfterSeconds))
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}
