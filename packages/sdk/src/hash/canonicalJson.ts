import canonicalizeModule from 'canonicalize'

// canonicalize is CommonJS whose typings declare an ES default export; under NodeNext the function is
// the module itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization: the one form of a JSON value that is hashed.
 *
 * @example
 * canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new TypeError('value has no JSON form')
  return text
}
