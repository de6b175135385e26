import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { sha256Bytes } from '@rightflow/sdk'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { createApp } from '../../src/http/app.js'
import { openApiDocument } from '../../src/http/openapi.js'
import {
  type PaymentsHarness,
  paidReportApp,
  type Served,
  serveFetch,
  startPaymentsHarness,
} from '../payments/paymentsHarness.js'
import { paymentRequiredAt, signPayment } from '../payments/signPayment.js'
import { makeSigned, randomHash } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

// Regression tests for issue 11, items 10 and 11: every way of sending input too deep, too big, malformed or to
// a route that should not answer it gets a 4xx/503 problem with a code, never a 500 or a silent default.

let h: PaymentsHarness
beforeAll(async () => {
  h = await startPaymentsHarness()
})
afterAll(() => h?.stop())

type Problem = { status: number; code: string; errors?: { path: string }[] }

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  const text = await response.text()
  expect({ status: response.status, body: text.slice(0, 300) }).toMatchObject({ status })
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = JSON.parse(text) as Problem
  expect(body).toMatchObject({ status, code })
  return body
}

/** `depth` levels of objects as JSON text: {"a":{"a":…1…}}. */
const nestedJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

describe('item 10: JSON nested 5,000 levels deep is refused with 400 json_too_deep, never a 500', () => {
  it('deep metadata on POST /v1/records (canonicalize recursed before the signature check)', async () => {
    const signed = await makeSigned(h.account, h.domain)
    const body = JSON.stringify(submission(signed)).replace(/}$/, `,"metadata":{"x":${nestedJson(5_000)}}}`)
    await expectProblem(await h.post('/v1/records', body), 400, 'json_too_deep')
    const batch = `{"records":[${body}]}`
    await expectProblem(await h.post('/v1/records/batch', batch), 400, 'json_too_deep')
  })

  it('deep bodies on every other JSON route', async () => {
    await expectProblem(
      await h.post('/v1/records/perceptual-search', nestedJson(5_000)),
      400,
      'json_too_deep',
    )
    await expectProblem(await h.post('/v1/consents', `[${nestedJson(100_000)}]`), 400, 'json_too_deep')
  })

  it('a chunked JSON body (no Content-Length) over 2 MiB is cut off with 413 body_too_large', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 4 MiB of whitespace, sent in chunks: never a declared length to refuse up front.
        if (sent >= 64) return controller.close()
        sent++
        controller.enqueue(chunk)
      },
    })
    const response = await fetch(`${h.server.url}/v1/records/perceptual-search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    await expectProblem(response, 413, 'body_too_large')
  })
})

describe('item 11: HEAD on a paid route is answered like an unpaid GET (402), the handler never runs', () => {
  let site: Served
  let served: { count: number }
  let url: string
  beforeAll(async () => {
    const paid = paidReportApp(h, h.payee())
    served = paid.served
    site = await serveFetch(paid.app.fetch)
    url = `${site.url}/v1/paid/report`
  })
  afterAll(() => site?.close())

  it('HEAD without a payment gets 402 with PAYMENT-REQUIRED and the handler does not run', async () => {
    const before = served.count
    const response = await fetch(url, { method: 'HEAD' })
    expect(response.status).toBe(402)
    expect(decodePaymentRequiredHeader(response.headers.get('payment-required')!).accepts.length).toBe(1)
    expect(served.count).toBe(before)
  })

  it('HEAD with a valid payment is not charged and not served: 402, the payer keeps the money', async () => {
    const payer = await h.payer(1)
    const header = await signPayment(payer, await paymentRequiredAt(url))
    const before = served.count
    const response = await fetch(url, { method: 'HEAD', headers: { 'payment-signature': header } })
    expect(response.status).toBe(402)
    expect(served.count).toBe(before)
    expect(await h.balanceOf(payer.address)).toBe(1_000_000n)
    // The same payment by GET is still good: HEAD used nothing up.
    expect((await fetch(url, { headers: { 'payment-signature': header } })).status).toBe(200)
    expect(served.count).toBe(before + 1)
  })

  it("HEAD on the server's own paid content route gets 402, not the work's headers", async () => {
    const contentHash = await storedWork()
    const response = await fetch(`${h.server.url}/v1/paid/content/${contentHash}?use=inference`, {
      method: 'HEAD',
    })
    expect(response.status).toBe(402)
    expect(response.headers.get('rightflow-usage')).toBeNull()
    expect(response.headers.get('payment-required')).toBeTruthy()
  })
})

describe('item 11: bad query values are 400 invalid_request, never replaced by a default', () => {
  const id = randomHash()
  const address = randomAddress()
  const ints = [
    '-1',
    'NaN',
    'abc',
    '1e309',
    '1.5',
    '',
    'Infinity',
    '0x10',
    ' 1',
    '1e2',
    '99999999999999999999',
  ]
  const numbers = ['-1', 'NaN', 'abc', '1e309', '', 'Infinity', '1e2', '101', '0x10']
  const hashes = ['abc', '0x1', '', `0x${'z'.repeat(64)}`, `${'0'.repeat(66)}`]
  const addresses = ['abc', '0x1', '', `0x${'z'.repeat(40)}`]
  const cases: { path: string; param: string; bad: string[]; code: string }[] = [
    {
      path: `/v1/records?creator=${address}`,
      param: 'limit',
      bad: [...ints, '0', '501'],
      code: 'invalid_request',
    },
    { path: `/v1/records?creator=${address}`, param: 'cursor', bad: ints, code: 'invalid_request' },
    {
      path: `/v1/records?perceptualHash=${id}`,
      param: 'maxDistance',
      bad: [...ints, '65'],
      code: 'invalid_request',
    },
    { path: `/v1/records?perceptualHash=${id}`, param: 'quality', bad: numbers, code: 'invalid_request' },
    // Parameters the answering branch does not use are still checked.
    { path: `/v1/records?contentHash=${id}`, param: 'limit', bad: ['-1', 'abc'], code: 'invalid_request' },
    { path: `/v1/records?contentHash=${id}`, param: 'creator', bad: addresses, code: 'invalid_request' },
    { path: `/v1/records?creator=${address}`, param: 'contentHash', bad: hashes, code: 'invalid_request' },
    { path: `/v1/records?creator=${address}`, param: 'perceptualHash', bad: hashes, code: 'invalid_request' },
    {
      path: `/v1/records/${id}/lineage?x=1`,
      param: 'depth',
      bad: [...ints, '0', '33'],
      code: 'invalid_request',
    },
    {
      path: `/v1/assets/${id}/check?account=${address}`,
      param: 'use',
      bad: ['', 'eating'],
      code: 'invalid_use',
    },
    {
      path: `/v1/assets/${id}/check?use=inference`,
      param: 'account',
      bad: addresses,
      code: 'invalid_address',
    },
    { path: `/v1/assets/${id}/royalties?x=1`, param: 'account', bad: addresses, code: 'invalid_address' },
    { path: '/v1/licenses?x=1', param: 'account', bad: addresses, code: 'invalid_address' },
    {
      path: `/v1/licenses?account=${address}`,
      param: 'asset',
      bad: hashes.slice(0, 4),
      code: 'invalid_asset_id',
    },
    { path: `/v1/content/${id}?x=1`, param: 'use', bad: ['', 'eating'], code: 'invalid_use' },
    { path: `/v1/paid/content/${id}?x=1`, param: 'use', bad: ['', 'eating'], code: 'invalid_use' },
  ]

  for (const { path, param, bad, code } of cases)
    it(`${path.split('?')[0]} ?${param}= refuses ${bad.length} bad values with ${code}`, async () => {
      for (const value of bad) {
        const response = await h.get(`${path}&${param}=${encodeURIComponent(value)}`)
        expect(`${param}=${value} → ${response.status}`).toBe(`${param}=${value} → 400`)
        const body = await expectProblem(response, 400, code)
        if (code === 'invalid_request') expect(body.errors?.map((e) => e.path)).toContain(param)
      }
    })

  it('a numeric parameter given twice is refused rather than one of them picked', async () => {
    await expectProblem(await h.get(`/v1/records?creator=${address}&limit=5&limit=6`), 400, 'invalid_request')
  })

  it('good values still work, and absent ones take their defaults', async () => {
    expect((await h.get(`/v1/records?creator=${address}&limit=500&cursor=0`)).status).toBe(200)
    expect((await h.get(`/v1/records?perceptualHash=${id}&maxDistance=64&quality=99.5`)).status).toBe(200)
    expect((await h.get(`/v1/records?creator=${address}`)).status).toBe(200)
  })
})

describe('item 11: GET /v1/assets/{unknown}/check answers 404 asset_not_found', () => {
  it('an id that is no asset is unknown, not "not allowed"', async () => {
    const response = await h.get(`/v1/assets/${randomHash()}/check?use=inference&account=${randomAddress()}`)
    await expectProblem(response, 404, 'asset_not_found')
  })
})

describe('item 11: every route the app serves is in the OpenAPI document', () => {
  // Not API: the web app, Swagger UI and the document itself.
  const notApi = new Set([
    '/',
    '/app/',
    '/app/:file?',
    '/docs',
    '/docs/',
    '/docs/init.js',
    '/docs/:asset',
    '/openapi.json',
  ])

  it('the channel, stream, escrow and agent wallet read routes are documented', () => {
    const paths = Object.keys(openApiDocument.paths)
    for (const path of ['/v1/channels/{channelId}', '/v1/streams/{streamId}', '/v1/escrows/{escrowId}'])
      expect(paths).toContain(path)
    expect(paths).toContain('/v1/agents/{agent}/wallet')
  })

  it('every method and path of the app (as served by the real server) has an operation', () => {
    const app: ReturnType<typeof createApp> = h.server.app
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && !notApi.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
    expect(served.length).toBeGreaterThan(20)
    const documented = Object.entries(
      openApiDocument.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    expect([...new Set(served)].filter((route) => !documented.includes(route))).toEqual([])
  })
})

describe('item 11: concurrent large uploads are bounded by a memory budget; the excess gets 503 server_busy', () => {
  const size = 1024 * 1024
  let busy: Harness
  beforeAll(async () => {
    // A budget for three 1 MiB uploads, on the same chain.
    busy = await startHarness(':memory:', h.chain, undefined, { uploadBudgetBytes: 3 * size + 1024 })
  })
  afterAll(() => busy?.stop())

  it('with the budget held by uploads in progress, more uploads get 503 + Retry-After; the held ones succeed', async () => {
    const held = [0, 1, 2].map(() => heldUpload(busy.server.url, size))
    await until(() => busy.server.uploadBudget.inFlightBytes === 3 * size)
    const extra = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${busy.server.url}/v1/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(randomBytes(size)),
        }),
      ),
    )
    for (const response of extra) {
      expect(response.headers.get('retry-after')).toBe('1')
      await expectProblem(response, 503, 'server_busy')
    }
    expect(busy.server.uploadBudget.refused).toBe(5)
    for (const upload of held) upload.finish()
    const answers = await Promise.all(held.map((upload) => upload.answer))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    for (const [i, answer] of answers.entries())
      expect(JSON.parse(answer.body).contentHash).toBe(sha256Bytes(held[i]!.bytes))
    // Everything released: the next upload is served, and the server is healthy.
    expect(busy.server.uploadBudget.inFlightBytes).toBe(0)
    const after = await fetch(`${busy.server.url}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(randomBytes(size)),
    })
    expect(after.status).toBe(200)
    expect((await busy.get('/health')).status).toBe(200)
  })

  it('uploads held open cannot starve JSON writes: a record submission is still accepted', async () => {
    const held = [0, 1, 2].map(() => heldUpload(busy.server.url, size))
    await until(() => busy.server.uploadBudget.inFlightBytes === 3 * size)
    const signed = await makeSigned(busy.account, busy.domain)
    // Streamed (no Content-Length), so it reserves a whole JSON body's limit: more than the uploads left free.
    const body = new Blob([JSON.stringify(submission(signed))]).stream()
    const response = await fetch(`${busy.server.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(202)
    for (const upload of held) upload.finish()
    expect((await Promise.all(held.map((upload) => upload.answer))).map((a) => a.status)).toEqual([
      200, 200, 200,
    ])
  })

  it('eight concurrent uploads over the budget: each is served or refused with 503, none fails otherwise', async () => {
    const refusedBefore = busy.server.uploadBudget.refused
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${busy.server.url}/v1/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(randomBytes(size)),
        }),
      ),
    )
    const statuses = responses.map((r) => r.status)
    for (const status of statuses) expect([200, 503]).toContain(status)
    expect(statuses.filter((s) => s === 503).length).toBe(busy.server.uploadBudget.refused - refusedBefore)
    expect(busy.server.uploadBudget.inFlightBytes).toBe(0)
    expect((await busy.get('/health')).status).toBe(200)
  })
})

function randomAddress(): `0x${string}` {
  return `0x${randomBytes(20).toString('hex')}`
}

/** A registered work whose bytes the server holds (direct record, signed PUT). */
async function storedWork() {
  const bytes = new Uint8Array(randomBytes(512))
  const contentHash = sha256Bytes(bytes)
  const record = await makeSigned(h.account, h.domain, { contentHash })
  expect((await h.post('/v1/records', submission(record))).status).toBe(202)
  expect((await h.putContent(h.account, bytes)).status).toBe(201)
  return contentHash
}

/** An upload that sends its headers and half its body, then waits for `finish()`. */
function heldUpload(base: string, size: number) {
  const bytes = new Uint8Array(randomBytes(size))
  const url = new URL('/v1/verify', base)
  let finish!: () => void
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': size } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.write(bytes.subarray(0, size / 2))
    finish = () => req.end(bytes.subarray(size / 2))
  })
  return { bytes, answer, finish: () => finish() }
}

/** Waits (on events, not a clock budget) until `condition` holds. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
