import fc from 'fast-check'
import {
  arbitraryOf,
  type KnownValues,
  mutated,
  nastyValue,
  type Schema,
  toJsonText,
} from './jsonSchemaArbitrary.js'

/** One operation of the OpenAPI document. */
export type Operation = {
  method: string
  path: string
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]
  requestBody?: { content: Record<string, { schema?: Schema }> }
  responses: Record<string, unknown>
}

export type FuzzRequest = {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: Record<string, string>
  body?: string | Uint8Array | undefined
}

/**
 * Known-good values per parameter name (a real record, asset, stored content…), and per body property name
 * (`body`), so that generated requests reach the code behind the first checks.
 */
export type Samples = { parameters: Record<string, string[]>; body: KnownValues }

/** Every operation of an OpenAPI document's `paths`. */
export function operationsOf(paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>) {
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ ...operation, method, path }) as Operation),
  )
}

/** Header-safe text: printable ASCII (what fetch lets a client send). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 200,
})

/** Strings for paths and queries that a careless parser chokes on. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '-1',
    '0',
    'NaN',
    'Infinity',
    '1e309',
    '0x',
    '0x0',
    '..',
    '%',
    '%00',
    'null',
    'undefined',
    '[]',
    '{}',
    'x'.repeat(5_000),
    `0x${'f'.repeat(64)}`,
    `0X${'F'.repeat(64)}`,
    `0x${'g'.repeat(64)}`,
    ` 0x${'1'.repeat(64)}`,
    `0x${'1'.repeat(40)}`,
    `0x${'1'.repeat(63)}`,
    '99999999999999999999999999999999',
    '1.5',
    '\u0000',
    'é',
    '🦀',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
)

/** A value for a parameter: a known-good sample, one its schema allows, or a nasty one. */
function parameterValue(
  name: string,
  schema: Schema | undefined,
  samples: Record<string, string[]>,
): fc.Arbitrary<string> {
  const choices: fc.WeightedArbitrary<string>[] = [{ weight: 3, arbitrary: nastyString }]
  if (samples[name]?.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...samples[name]!) })
  if (schema) choices.push({ weight: 2, arbitrary: arbitraryOf(schema).map((v) => String(v)) })
  return fc.oneof(...choices)
}

const magic = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  webp: [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
}

/** File bodies: random bytes, bytes behind an image format's magic number, SVG text. */
const fileBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc
    .tuple(fc.constantFrom(...Object.values(magic)), fc.uint8Array({ maxLength: 2048 }))
    .map(([head, rest]) => new Uint8Array([...head, ...rest])),
  fc
    .tuple(fc.nat(1_000_000), fc.nat(1_000_000), fc.string({ maxLength: 200 }))
    .map(([w, h, inner]) =>
      new TextEncoder().encode(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${inner}</svg>`,
      ),
    ),
)

const mediaTypes = fc.constantFrom(
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/svg+xml',
  'image/tiff',
  'image/avif',
  'application/octet-stream',
  'application/json',
  'text/plain',
  'video/mp4',
  'audio/wav',
  'application/pdf',
  '',
)

/** JSON bodies: valid by the schema, a mutation of one, any JSON, or text that is not JSON. */
function jsonBody(schema: Schema | undefined, known: KnownValues = {}): fc.Arbitrary<string> {
  const valid = arbitraryOf(schema ?? {}, known)
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(toJsonText) },
    { weight: 4, arbitrary: valid.chain(mutated).map(toJsonText) },
    { weight: 1, arbitrary: nastyValue.map(toJsonText) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(
          '',
          '{',
          '{"a":',
          'nul',
          '[1,]',
          '\uFEFF{}',
          '{"a":1}{"b":2}',
          '"\\ud800"',
          '1'.repeat(400),
        ),
        fc.string({ maxLength: 200 }),
      ),
    },
  )
}

/** Requests for `operation`: its own method mostly, its parameters and body as above, and odd headers. */
export function requestsFor(
  operation: Operation,
  { parameters: samples, body: bodySamples }: Samples,
): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? []
  const pathParameters = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
  const schemaOf = (name: string) => parameters.find((p) => p.name === name)?.schema
  const path = fc
    .tuple(...pathParameters.map((name) => parameterValue(name, schemaOf(name), samples)))
    .map((values) =>
      pathParameters.reduce(
        (p, name, i) => p.replace(`{${name}}`, encodeURIComponent(values[i]!)),
        operation.path,
      ),
    )
  const queryParameters = parameters.filter((p) => p.in === 'query')
  const query = fc
    .tuple(
      ...queryParameters.map((p) =>
        fc
          .option(parameterValue(p.name, p.schema, samples), { freq: p.required ? 8 : 2 })
          .map((v) => (v === null ? '' : `${p.name}=${encodeURIComponent(v)}`)),
      ),
      fc.constantFrom(
        '',
        '',
        '',
        'x=1',
        'limit=1&limit=2',
        '%%%=%',
        'a[]=1&a[b]=2',
        '=',
        '&&&',
        'use=inference&use=training',
      ),
    )
    .map((parts) => parts.filter(Boolean).join('&'))
  const headerParameters = parameters.filter((p) => p.in === 'header')
  const headers = fc
    .tuple(
      ...headerParameters.map((p) =>
        fc
          .option(fc.oneof(headerText, samplesOr(samples[p.name], headerText)), { freq: 2 })
          .map((v) => [p.name, v] as const),
      ),
    )
    .map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== null)) as Record<string, string>)
  const documented = operation.method.toUpperCase()
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(documented) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  )
  const content = operation.requestBody?.content ?? {}
  const body: fc.Arbitrary<{ type?: string; body?: string | Uint8Array }> = content['application/json']
    ? fc
        .tuple(
          fc.oneof(
            { weight: 6, arbitrary: fc.constant('application/json') },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                'text/plain',
                'application/json; charset=utf-16',
                'application/x-www-form-urlencoded',
                '',
              ),
            },
          ),
          jsonBody(content['application/json'].schema, bodySamples),
        )
        .map(([type, text]) => ({ type, body: text }))
    : content['*/*']
      ? fc.tuple(mediaTypes, fileBody).map(([type, bytes]) => ({ type, body: bytes }))
      : fc.constant({})
  return fc.tuple(method, path, query, headers, oddHeader, body).map(([m, p, q, h, odd, b]) => {
    const withBody = m !== 'GET' && m !== 'HEAD' && b.body !== undefined
    const allHeaders = { ...odd, ...h, ...(withBody && b.type ? { 'content-type': b.type } : {}) }
    return { method: m, url: q ? `${p}?${q}` : p, headers: allHeaders, body: withBody ? b.body : undefined }
  })
}

/** A header any route may receive: a body encoding it does not use, x402 headers where nothing is paid. */
const oddHeader: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Record<string, string>>({}) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom<Record<string, string>>(
        { 'content-encoding': 'gzip' },
        { 'content-encoding': 'br, deflate' },
        { accept: 'application/xml' },
      ),
      headerText.map((v) => ({ 'payment-signature': v })),
      headerText.map((v) => ({ 'x-payment': v })),
      headerText.map((v) => ({ authorization: `Rightflow-EIP712 ${v}` })),
    ),
  },
)

function samplesOr(values: string[] | undefined, otherwise: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return values?.length ? fc.constantFrom(...values) : otherwise
}

/** The request as a curl command, to reproduce a failure by hand. */
export function curlOf(base: string, request: FuzzRequest): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const parts = [`curl -i -X ${request.method} ${quote(base + request.url)}`]
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${quote(`${name}: ${value}`)}`)
  if (typeof request.body === 'string')
    parts.push(
      `--data-binary ${quote(request.body.length > 4_000 ? `${request.body.slice(0, 4_000)}…(${request.body.length} chars)` : request.body)}`,
    )
  else if (request.body)
    parts.push(
      `--data-binary @<(printf '${[...request.body.slice(0, 2_000)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}')${request.body.length > 2_000 ? ` # first 2,000 of ${request.body.length} bytes` : ''}`,
    )
  return parts.join(' ')
}
