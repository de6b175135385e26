import canonicalizeModule from 'canonicalize'
import { assertJsonDepth, maxJsonDepth } from './jsonDepth.js'

// canonicalize is CommonJS whose typings declare an ES default export; under NodeNext the function is
// the module itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization: the one form of a JSON value that is hashed.
 * canonicalize recurses, so values nested deeper than {@link maxJsonDepth} (64) levels are refused first with a
 * `JsonTooDeepError` (code `json_too_deep`) instead of overflowing the stack.
 *
 * @example
 * canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export function canonicalJson(value: unknown): string {
  assertJsonDepth(value, maxJsonDepth)
  const text = canonicalize(value)
  if (text === undefined) throw new TypeError('value has no JSON form')
  return text
}
