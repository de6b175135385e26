import type { Context } from 'hono'
import type { z } from 'zod'
import { ProblemError } from './problem.js'

/** Parses and validates a JSON body, turning every way it can be wrong into a problem with a stable code. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!type.startsWith('application/json'))
    throw new ProblemError('unsupported_media_type', 'Send the body as application/json.')
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new ProblemError('malformed_json', 'The body is not valid JSON.')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ProblemError('invalid_request', 'The body does not match the schema (see errors).', {
      errors: parsed.error.issues
        .slice(0, 20)
        .map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    })
  return parsed.data
}
