import { createHash, randomBytes } from 'node:crypto'
import { createAsset, type Hex, setTerms, sha256Bytes, signApiRequest } from '@rightflow/sdk'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/http/openapi.js'
import { makeSigned, randomHash } from '../support/records.js'
import { fundedActor, openTerms, usd } from '../support/rightsActors.js'
import {
  curlOf,
  type FuzzRequest,
  type Operation,
  operationsOf,
  requestsFor,
  type Samples,
} from './fuzz/fuzzRequests.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

/**
 * The standing adversarial suite (issue 11): bounded, seeded property-based fuzzing of every operation in the
 * OpenAPI document against a real server (real anvil, real SQLite, real HTTP). Requests are generated from the
 * document's schemas, mostly broken: malformed bodies, headers, path and query values, odd methods. Every answer
 * must be a documented success or a 4xx problem+json with a `code`; never a 5xx; and /health is healthy after.
 *
 * Bounded: RIGHTFLOW_FUZZ_RUNS cases per operation (default 40) from RIGHTFLOW_FUZZ_SEED (default fixed, so a
 * run is reproducible); a failure prints the seed, the counterexample and a curl command that sends it again.
 */
const runs = Number(process.env.RIGHTFLOW_FUZZ_RUNS ?? 40)
const baseSeed = Number(process.env.RIGHTFLOW_FUZZ_SEED ?? 20_261_208)

/**
 * Answers that are not problem+json by design, each with its reason. Nothing else is excused.
 * - The x402 facilitator speaks x402's wire format (VerifyResponse / SettleResponse with a reason), which x402
 *   clients read; its 4xx bodies are JSON with `invalidReason` / `errorReason` / `error`, not problem+json.
 */
const x402WireFormat = (request: FuzzRequest) => request.url.startsWith('/facilitator/')

let h: Harness
let samples: Samples
beforeAll(async () => {
  h = await startHarness()
  samples = await realSamples(h)
}, 120_000)
afterAll(() => h?.stop())

describe('every route in the OpenAPI document answers malformed input with 4xx problem+json, never 5xx', () => {
  const operations = operationsOf(openApiDocument.paths as never)

  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(20)
  })

  for (const operation of operations)
    it(`${operation.method.toUpperCase()} ${operation.path}`, async () => {
      const seed = baseSeed ^ hash(`${operation.method} ${operation.path}`)
      const failure = await fc.check(
        fc.asyncProperty(
          fc.constant(null).chain(() => requestsFor(operation, samples)),
          async (request) => {
            const problem = await send(operation, request)
            if (problem) throw new Error(`${problem}\n  reproduce: ${curlOf(h.server.url, request)}`)
          },
        ),
        { seed, numRuns: runs, endOnFailure: true },
      )
      if (failure.failed)
        expect.fail(
          `${operation.method.toUpperCase()} ${operation.path} failed (seed ${seed}, RIGHTFLOW_FUZZ_SEED=${baseSeed}):\n` +
            `${String((failure.errorInstance as Error | undefined)?.message ?? failure.errorInstance)}`,
        )
      expect(failure.numRuns).toBe(runs)
    })

  it('the server is healthy after all of it', async () => {
    const health = await h.get('/health')
    expect(health.status).toBe(200)
    expect(((await health.json()) as { status: string }).status).toBe('ok')
  })
})

/** Sends `request`; what is wrong with the answer, or undefined when it is fine. */
async function send(operation: Operation, request: FuzzRequest): Promise<string | undefined> {
  let response: Response
  try {
    response = await fetch(h.server.url + request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
    })
  } catch (error) {
    return `the request failed: ${(error as Error).message} (${String((error as Error).cause ?? '')})`
  }
  const text = await response.text()
  const status = response.status
  const answer = `${status} ${response.headers.get('content-type')} ${text.slice(0, 300)}`
  if (status >= 500) return `5xx: ${answer}`
  // A success or a payment request must be one the document promises; refusals must be problems (below).
  const documented = request.method === operation.method.toUpperCase()
  if ((documented && status < 400) || status === 402)
    if (!(String(status) in operation.responses))
      return `status ${status} is not documented for ${operation.method.toUpperCase()} ${operation.path}: ${answer}`
  // A HEAD answer has no body to be a problem (RFC 9110); its status was checked above.
  if (status < 400 || request.method === 'HEAD') return undefined
  if (x402WireFormat(request)) return undefined
  if (response.headers.get('content-type') !== 'application/problem+json')
    return `4xx without problem+json: ${answer}`
  const body = JSON.parse(text) as { code?: unknown; status?: unknown }
  if (typeof body.code !== 'string' || body.status !== status)
    return `problem without a code or status: ${answer}`
  return undefined
}

/** A real record with stored bytes that is an IP asset with open terms, plus other known-good values. */
async function realSamples(harness: Harness): Promise<Samples> {
  const creator = await fundedActor(harness.chain)
  const bytes = new Uint8Array(randomBytes(1024))
  const contentHash = sha256Bytes(bytes)
  const record = await makeSigned(creator.account, harness.domain, { contentHash })
  const ingested = await harness.post('/v1/records', submission(record, { mode: 'direct' }))
  const { id } = (await ingested.json()) as { id: Hex }
  const path = `/v1/content/${contentHash}`
  const put = await fetch(`${harness.server.url}${path}`, {
    method: 'PUT',
    body: bytes,
    headers: {
      authorization: await signApiRequest({
        account: creator.account,
        domain: harness.domain,
        method: 'PUT',
        path,
        body: bytes,
      }),
    },
  })
  expect(put.status).toBe(201)
  const clients = { publicClient: harness.chain.publicClient, walletClient: creator.walletClient }
  const { assetId } = await createAsset({
    ...clients,
    contracts: harness.chain.rights,
    recordId: id,
    kind: 'work',
  })
  await setTerms({ ...clients, contracts: harness.chain.rights, assetId, terms: openTerms(usd(1)) })
  const account = creator.account.address
  const signed = await signApiRequest({
    account: creator.account,
    domain: harness.domain,
    method: 'GET',
    path: `${path}?use=inference`,
  })
  const other = await makeSigned(creator.account, harness.domain)
  const parameters = {
    id: [id, randomHash()],
    root: [randomHash()],
    assetId: [assetId, randomHash()],
    contentHash: [contentHash, randomHash()],
    channelId: [randomHash()],
    streamId: ['1', '2'],
    escrowId: ['1', '2'],
    agent: [account],
    account: [account],
    creator: [account],
    asset: [assetId],
    use: ['inference', 'training', 'data-mining', 'generative-training'],
    perceptualHash: [randomHash()],
    authorization: [signed, 'Rightflow-EIP712 account=0x0,expires=1,nonce=0x0,signature=0x0', 'Bearer x'],
    'payment-signature': [
      Buffer.from('{"x402Version":2}').toString('base64'),
      Buffer.from(
        JSON.stringify({
          x402Version: 2,
          accepted: { scheme: 'channel', network: `eip155:${harness.chain.chainId}` },
          payload: {},
        }),
      ).toString('base64'),
      Buffer.from(`${'['.repeat(3_000)}${']'.repeat(3_000)}`).toString('base64'),
      'not base64 at all!',
    ],
  }
  return {
    parameters,
    body: { record: [other.record, record.record], signature: [other.signature, record.signature] },
  }
}

function hash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0)
}
