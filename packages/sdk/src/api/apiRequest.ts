import { BaseError } from '../errors/BaseError.js'
import { redactUrl } from '../url/redactUrl.js'

/** How the SDK reaches a Rightflow server. */
export type ApiClient = { url: string; fetch?: typeof fetch }

/** A problem+json answer from the server, with its stable code. */
export class ApiError extends BaseError {
  override name = 'ApiError'
  readonly status: number
  readonly index: number | undefined
  constructor(status: number, body: { code?: string; title?: string; detail?: string; index?: number }) {
    super(body.title ?? `The server answered ${status}.`, {
      code: body.code ?? `http_${status}`,
      details: body.detail,
    })
    this.status = status
    this.index = body.index
  }
}

export class ServerUnavailableError extends BaseError {
  override name = 'ServerUnavailableError'
  constructor(url: string, cause: unknown) {
    super(`The Rightflow server at ${redactUrl(url)} is not reachable (is \`npm start\` running?).`, {
      code: 'server_unavailable',
      cause,
    })
  }
}

/** One JSON request to the API; problem answers become {@link ApiError}. */
export async function apiRequest<T>(
  client: ApiClient,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const url = `${client.url.replace(/\/$/, '')}${path}`
  let response: Response
  try {
    response = await (client.fetch ?? fetch)(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch (error) {
    throw new ServerUnavailableError(client.url, error)
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    throw new ApiError(response.status, {
      code: 'bad_response',
      title: `The server sent non-JSON (${response.status}).`,
    })
  }
  if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Record<string, never>)
  return body as T
}
