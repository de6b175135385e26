import { describe, expect, it } from 'vitest'
import { assertJsonDepth, canonicalJson, JsonTooDeepError, maxJsonDepth } from '../src/index.js'

/** `depth` levels of objects around a number: {"a":{"a":…1…}}. */
const nested = (depth: number): unknown => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('canonicalJson refuses JSON too deep to walk', () => {
  it('metadata nested 5,000 levels deep is a JsonTooDeepError (json_too_deep), not a stack overflow', () => {
    const attempt = () => canonicalJson(nested(5_000))
    expect(attempt).toThrow(JsonTooDeepError)
    try {
      attempt()
    } catch (error) {
      expect((error as JsonTooDeepError).code).toBe('json_too_deep')
    }
  })

  it('accepts exactly maxJsonDepth levels and refuses one more', () => {
    expect(canonicalJson(nested(maxJsonDepth))).toMatch(/^\{"a":/)
    expect(() => canonicalJson(nested(maxJsonDepth + 1))).toThrow(JsonTooDeepError)
    expect(() => canonicalJson([nested(maxJsonDepth)])).toThrow(JsonTooDeepError)
  })

  it('a value that contains itself is refused instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => canonicalJson(cyclic)).toThrow(JsonTooDeepError)
  })

  it('assertJsonDepth walks 200,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)
    expect(() => assertJsonDepth(deep)).toThrow(JsonTooDeepError)
    expect(() => assertJsonDepth({ a: [1, { b: null }], c: 'x' })).not.toThrow()
  })
})
