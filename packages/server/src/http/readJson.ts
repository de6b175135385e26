import { assertJsonDepth, maxJsonDepth } from '@rightflow/sdk'
import type { Context } from 'hono'
import type { z } from 'zod'
import { ProblemError } from './problem.js'

/** 1,000 records with metadata fit comfortably; anything larger is refused before it is read in full. */
export const maxJsonBytes = 2 * 1024 * 1024

export type ReadJsonOptions = {
  /** Bodies over this many bytes get 413 `body_too_large`; {@link maxJsonBytes} by default. */
  maxBytes?: number
}

/**
 * Parses and validates a JSON body, turning every way it can be wrong into a problem with a stable code. Every
 * JSON-reading route but the facilitator's (which answers in x402's wire format and applies the same depth bound
 * itself, under a 64 KiB body limit) goes through here, so every one gets the same bounds before any recursive work (schema
 * checks, canonical JSON, hashing): at most `maxBytes` are read (413 `body_too_large`), and values nested deeper
 * than the SDK's `maxJsonDepth` (64) are refused (400 `json_too_deep`).
 */
export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
  options: ReadJsonOptions = {},
): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!type.startsWith('application/json'))
    throw new ProblemError('unsupported_media_type', 'Send the body as application/json.')
  const body = await readJsonValue(c, options)
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ProblemError('invalid_request', 'The body does not match the schema (see errors).', {
      errors: parsed.error.issues
        .slice(0, 20)
        .map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    })
  return parsed.data
}

/** The body as a JSON value within the size and depth bounds (any media type; not yet checked by a schema). */
export async function readJsonValue(c: Context, { maxBytes = maxJsonBytes }: ReadJsonOptions = {}) {
  const text = await readTextUpTo(c, maxBytes)
  let body: unknown
  try {
    // JSON.parse itself does not recurse on the stack (checked to two million levels), so it may go first.
    body = JSON.parse(text)
  } catch {
    throw new ProblemError('malformed_json', 'The body is not valid JSON.')
  }
  try {
    assertJsonDepth(body, maxJsonDepth)
  } catch {
    throw new ProblemError('json_too_deep', `JSON nested deeper than ${maxJsonDepth} levels is refused.`)
  }
  return body
}

/** The body as text, reading no more than `maxBytes` of it whatever Content-Length says (or does not say). */
async function readTextUpTo(c: Context, maxBytes: number): Promise<string> {
  const tooLarge = () => {
    // The rest of the body stays unread, so the connection cannot carry another request.
    c.header('connection', 'close')
    return new ProblemError('body_too_large', `JSON bodies are limited to ${maxBytes} bytes.`)
  }
  const declared = Number(c.req.header('content-length'))
  if (declared > maxBytes) throw tooLarge()
  const stream = c.req.raw.body
  if (!stream) return ''
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
