import fc from 'fast-check'

/** The part of JSON Schema (as zod and our OpenAPI files write it) that the fuzzer understands. */
export type Schema = {
  type?: string | string[]
  const?: unknown
  enum?: unknown[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
}

/** Known-good values per property name (a real signed record…), used for most values of that property. */
export type KnownValues = Record<string, unknown[]>

/**
 * Values that satisfy `schema` (as far as a schema can say: patterns, bounds, required keys), so that generated
 * requests get past the first checks and reach the code behind them; the mutations below then break them.
 */
export function arbitraryOf(schema: Schema, known: KnownValues = {}): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern))
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) })
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 2 ** 40, Number.MAX_SAFE_INTEGER),
      })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, known), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      })
    case 'object': {
      const properties = schema.properties ?? {}
      // Free-form objects (metadata) are where values go unchecked into recursive code: give them nasty ones.
      if (Object.keys(properties).length === 0)
        return fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.oneof(
            { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
            { weight: 1, arbitrary: fc.constant(deepMarker) },
            { weight: 1, arbitrary: nastyValue },
          ),
          { maxKeys: 4 },
        )
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [
            key,
            known[key]?.length
              ? fc.oneof(
                  { weight: 3, arbitrary: fc.constantFrom(...known[key]) },
                  { weight: 1, arbitrary: arbitraryOf(value, known) },
                )
              : arbitraryOf(value, known),
          ]),
        ),
        { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
      )
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

const deepMarker = '\u0001deep\u0001'
/** 6,000 levels: issue 11's item 10 crashed canonicalize at 5,000. Too deep to build and stringify here. */
const deepText = `${'['.repeat(6_000)}${']'.repeat(6_000)}`

/** JSON text of a generated value, with the deep marker replaced by deeply nested arrays. */
export function toJsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replaceAll(JSON.stringify(deepMarker), deepText)
}

/** JSON values chosen to break parsers and validators: wrong types, extremes, deep nesting, odd text. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    1.5,
    -0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    '',
    ' ',
    '0x',
    '0x0',
    'NaN',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
    '\u0000',
    '\uD800',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    [],
    {},
    JSON.parse('{"__proto__":{"polluted":true}}'),
    'x'.repeat(10_000),
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 2, max: 300 }).map((depth) => nest(depth)),
  // Stands for JSON deeper than any recursive walk survives: see toJsonText.
  fc.constant(deepMarker),
)

/** `depth` levels of arrays around a number. */
function nest(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** `value` with one node (a key, an element or the whole) replaced by a nasty value or removed. */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(value)
  return fc
    .tuple(fc.constantFrom(...paths), nastyValue, fc.boolean())
    .map(([path, replacement, remove]) => replaceAt(value, path, replacement, remove))
}

type Path = (string | number)[]

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = [[]]): Path[] {
  if (typeof value !== 'object' || value === null) return out
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key]
    out.push(path)
    pathsOf(child, path, out)
  }
  return out
}

function replaceAt(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement
  const copy = structuredClone(value) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (remove && !Array.isArray(node)) delete node[last]
  else node[last] = replacement
  return copy
}
