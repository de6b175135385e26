import { inspect } from 'node:util'
import { apiAuthorizationScheme, BaseError, redactUrlsInText } from '@rightflow/sdk'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { SubmissionError } from '../ingest/ingestErrors.js'

/** HTTP status of each stable problem code; codes not listed are registry reverts (422) or 500. */
const statusOf: Record<string, ContentfulStatusCode> = {
  malformed_json: 400,
  json_too_deep: 400,
  invalid_request: 400,
  invalid_signature: 401,
  not_found: 404,
  content_not_found: 404,
  asset_not_found: 404,
  authorization_required: 401,
  malformed_authorization: 401,
  authorization_expired: 401,
  invalid_request_signature: 401,
  nonce_reused: 401,
  license_required: 403,
  not_record_creator: 403,
  content_mismatch: 422,
  invalid_use: 400,
  invalid_address: 400,
  invalid_asset_id: 400,
  rights_not_deployed: 503,
  payments_not_deployed: 503,
  record_exists: 409,
  parent_not_anchored: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  invalid_record: 422,
  invalid_origin: 422,
  model_required: 422,
  model_not_allowed: 422,
  too_many_parents: 422,
  metadata_mismatch: 422,
  parent_not_found: 422,
  chain_unavailable: 503,
  server_busy: 503,
  internal_error: 500,
}

export type Problem = {
  type: string
  title: string
  status: number
  code: string
  detail?: string
  /** For batch submissions: which record failed. */
  index?: number
  errors?: { path: string; message: string }[]
  /** RFC 9457 extension members (e.g. which asset and use a license is missing for). */
  [extension: string]: unknown
}

/** An error already shaped as an RFC 9457 problem. */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly title: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(title)
  }
}

/** Answers with an RFC 9457 problem+json body. */
export function problem(c: Context, code: string, title: string, extra: Partial<Problem> = {}): Response {
  const status = statusOf[code] ?? (extra.status as ContentfulStatusCode | undefined) ?? 422
  const body: Problem = { type: `urn:rightflow:problem:${code}`, title, status, code, ...extra }
  // Titles and details may quote a chain error, whose text embeds the RPC URL and the key in it.
  body.title = redactUrlsInText(body.title)
  if (typeof body.detail === 'string') body.detail = redactUrlsInText(body.detail)
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' }
  // RFC 9110: a 401 names the scheme that would succeed.
  if (status === 401) headers['www-authenticate'] = apiAuthorizationScheme
  return c.body(JSON.stringify(body), status, headers)
}

/** Maps anything thrown by a handler to a problem response; unknown errors become a 500 without internals. */
export function problemFromError(c: Context, error: unknown): Response {
  if (error instanceof ProblemError) return problem(c, error.code, error.title, error.extra)
  if (error instanceof SubmissionError)
    return problem(c, error.code, error.inner.shortMessage, {
      index: error.index,
      ...(error.inner.details ? { detail: error.inner.details } : {}),
    })
  if (error instanceof BaseError)
    return problem(c, error.code, error.shortMessage, error.details ? { detail: error.details } : {})
  console.error(`[rightflow] unexpected error ${redactUrlsInText(inspect(error))}`)
  return problem(c, 'internal_error', 'Something went wrong on our side; nothing was written.')
}
