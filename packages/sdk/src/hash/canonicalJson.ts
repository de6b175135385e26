import canonicalize from 'canonicalize'

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
