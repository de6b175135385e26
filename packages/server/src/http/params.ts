import { type AiUse, aiUses, type Hex } from '@rightflow/sdk'
import type { Context } from 'hono'
import { type Address, getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { ProblemError } from './problem.js'

const bytes32Pattern = /^0x[0-9a-fA-F]{64}$/

/** Path and query parameters shared by routes, each refused with a 400 problem naming what is expected. */
export function parseContentHash(value: string): Hex {
  if (!bytes32Pattern.test(value))
    throw new ProblemError(
      'invalid_request',
      'The content hash must be 0x followed by 64 hex digits (sha256).',
    )
  return value.toLowerCase() as Hex
}

export function parseAssetId(value: string): Hex {
  if (!bytes32Pattern.test(value))
    throw new ProblemError('invalid_asset_id', 'An asset id is its record id: 0x followed by 64 hex digits.')
  return value.toLowerCase() as Hex
}

export function parseUse(value: string | undefined): AiUse {
  if (!value || !(aiUses as readonly string[]).includes(value))
    throw new ProblemError('invalid_use', `Name the AI use with ?use= and one of: ${aiUses.join(', ')}.`)
  return value as AiUse
}

export function parseAccount(value: string | undefined): Address {
  if (!value || !isAddress(value, { strict: false }))
    throw new ProblemError('invalid_address', 'account must be a 0x-prefixed 20-byte address.')
  return getAddress(value)
}

/**
 * A decimal integer query value in [min, max]. Strict on purpose: `z.coerce` would take '' as 0, '1e3', '0x10'
 * and ' 7', and a default that quietly replaces a bad value hides the caller's mistake.
 */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,16}$/, `an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))

/** A decimal number query value in [min, max] (no exponent, NaN, Infinity or sign). */
export const queryNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,16}(\.[0-9]{1,16})?$/, `a number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min).max(max))

/** A 32-byte 0x-hex query value, lower-cased. */
export const queryBytes32 = z
  .string()
  .regex(bytes32Pattern, 'a 32-byte 0x-hex string')
  .transform((s) => s.toLowerCase() as Hex)

/** A 20-byte 0x-hex query value (checksum not required). */
export const queryAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 20-byte 0x-hex address')
  .transform((s) => s as Hex)

type QueryShape = Record<string, z.ZodType<unknown, string>>

/**
 * The route's query parameters, each checked by its schema when present (absent ones are undefined; the route
 * picks its default). A value that does not parse, or a parameter given twice, is 400 `invalid_request` listing
 * every offending parameter: never silently replaced by a default. Parameters the route does not name are
 * ignored (cache busters and the like).
 *
 * @example
 * const { limit = 100 } = parseQuery(c, { limit: queryInt(1, 500) })
 */
export function parseQuery<S extends QueryShape>(c: Context, shape: S): { [K in keyof S]?: z.output<S[K]> } {
  const values: Record<string, unknown> = {}
  const errors: { path: string; message: string }[] = []
  for (const [name, schema] of Object.entries(shape)) {
    const given = c.req.queries(name)
    if (!given || given.length === 0) continue
    if (given.length > 1) {
      errors.push({ path: name, message: 'given more than once' })
      continue
    }
    const parsed = schema.safeParse(given[0])
    if (parsed.success) values[name] = parsed.data
    else errors.push({ path: name, message: parsed.error.issues[0]?.message ?? 'invalid' })
  }
  if (errors.length > 0)
    throw new ProblemError(
      'invalid_request',
      `Bad query parameter: ${errors.map((e) => e.path).join(', ')}.`,
      {
        errors,
      },
    )
  return values as { [K in keyof S]?: z.output<S[K]> }
}
