/** A request that can be sent more than once, with extra headers each time. */
export type ReplayableRequest = {
  method: string
  url: string
  send(headers?: Record<string, string>): Promise<Response>
}

/**
 * `fetch`'s arguments as a request a paying fetch can send twice (unpaid, then paid). A bodiless request by URL is
 * sent as given, its headers merged: building and cloning a Request costs more than the rest of a channel
 * payment. Anything else becomes a Request cloned for each send, so a body can be sent twice.
 */
export function replayable(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
  fetchImpl: typeof fetch,
): ReplayableRequest {
  if ((typeof input === 'string' || input instanceof URL) && init?.body == null) {
    // Relative URLs resolve against the page, as fetch resolves them in a browser.
    const url = new URL(input, (globalThis as { location?: { href: string } }).location?.href)
    return {
      method: (init?.method ?? 'GET').toUpperCase(),
      url: url.href,
      send: (headers) => {
        if (!headers) return fetchImpl(input, init)
        if (init?.headers === undefined) return fetchImpl(input, { ...init, headers })
        const merged = new Headers(init.headers)
        for (const [name, value] of Object.entries(headers)) merged.set(name, value)
        return fetchImpl(input, { ...init, headers: merged })
      },
    }
  }
  const request = new Request(input, init)
  return {
    method: request.method,
    url: request.url,
    send: (headers) => {
      const copy = request.clone()
      for (const [name, value] of Object.entries(headers ?? {})) copy.headers.set(name, value)
      return fetchImpl(copy)
    },
  }
}
