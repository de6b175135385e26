import type { MiddlewareHandler } from 'hono'

/**
 * Security headers of our own pages and answers. The web app and /docs share the origin of the API (and of the
 * works it serves), so each page says exactly what it may load: its own scripts and styles, nothing inline
 * (Swagger UI sets inline styles), no framing by other sites. API answers (JSON, problems) are data: they get
 * a CSP that lets nothing run if one is ever opened as a page. Responses that carry a work's bytes set their
 * own, stricter headers (content/servingHeaders.ts), which this middleware leaves as they are.
 */
export const webAppCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

export const docsCsp =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export const apiCsp = "default-src 'none'; frame-ancestors 'none'"

/** Adds nosniff, no referrer, no framing and the API's CSP to every response that has not set its own CSP. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('x-content-type-options', 'nosniff')
    headers.set('referrer-policy', 'no-referrer')
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', apiCsp)
  }
}
