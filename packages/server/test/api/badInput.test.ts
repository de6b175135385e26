import { type Hex, recordId, signRecord } from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxBodyBytes } from '../../src/http/app.js'
import { makeSigned, randomHash } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

type Problem = { type: string; title: string; status: number; code: string; index?: number }

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = (await response.json()) as Problem
  expect(body).toMatchObject({ status, code, type: `urn:rightflow:problem:${code}` })
  expect(response.status).toBe(status)
  expect(body.title.length).toBeGreaterThan(10)
  return body
}

const recordCount = async () =>
  ((await (await h.get('/health')).json()) as { records: { records: number } }).records.records

describe('bad input gets a problem+json answer with a stable code, and nothing is written', () => {
  it('malformed JSON, wrong content type, schema violations, oversized bodies', async () => {
    await expectProblem(await h.post('/v1/records', '{"record": '), 400, 'malformed_json')
    await expectProblem(
      await h.post('/v1/records', '{}', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    )
    await expectProblem(await h.post('/v1/records', { record: { creator: 'me' } }), 400, 'invalid_request')
    const huge = JSON.stringify({ records: [], padding: 'x'.repeat(maxBodyBytes + 10) })
    await expectProblem(await h.post('/v1/records/batch', huge), 413, 'body_too_large')
  })

  it('unknown origins, missing or stray models, too many parents', async () => {
    const signed = await makeSigned(h.account, h.domain)
    await expectProblem(
      await h.post(
        '/v1/records',
        submission({ ...signed, record: { ...signed.record, origin: 'robot' as never } }),
      ),
      422,
      'invalid_origin',
    )
    await expectProblem(
      await h.post('/v1/records', submission({ ...signed, record: { ...signed.record, origin: 'ai' } })),
      422,
      'model_required',
    )
    await expectProblem(
      await h.post('/v1/records', submission({ ...signed, record: { ...signed.record, model: 'x' } })),
      422,
      'model_not_allowed',
    )
    const parents = Array.from({ length: 17 }, randomHash).sort()
    await expectProblem(
      await h.post('/v1/records', submission({ ...signed, record: { ...signed.record, parents } })),
      422,
      'too_many_parents',
    )
  })

  it('a malformed perceptual hash in the metadata', async () => {
    const metadata = { perceptualHash: '0x1234' }
    const signed = await makeSigned(h.account, h.domain, { metadata })
    await expectProblem(await h.post('/v1/records', submission(signed, { metadata })), 422, 'invalid_record')
    await expectProblem(await h.get('/v1/records?perceptualHash=0xzz'), 400, 'invalid_request')
    await expectProblem(await h.post('/v1/records/perceptual-search', { hashes: [] }), 400, 'invalid_request')
    await expectProblem(
      await h.post('/v1/records/perceptual-search', { hashes: ['0x12'] }),
      400,
      'invalid_request',
    )
  })

  it('parents that do not exist', async () => {
    const orphan = await makeSigned(h.account, h.domain, { parents: [randomHash()] })
    await expectProblem(await h.post('/v1/records', submission(orphan)), 422, 'parent_not_found')
  })

  it('forged, tampered, wrong-chain and wrong-registry signatures', async () => {
    const signed = await makeSigned(h.account, h.domain)
    const other = privateKeyToAccount(generatePrivateKey())
    const forged = await signRecord({
      account: other,
      record: { ...signed.record, creator: other.address },
      domain: h.domain,
    })
    await expectProblem(
      await h.post('/v1/records', submission({ record: signed.record, signature: forged.signature })),
      401,
      'invalid_signature',
    )
    await expectProblem(
      await h.post('/v1/records', submission({ ...signed, record: { ...signed.record, size: 1 } })),
      401,
      'invalid_signature',
    )
    const wrongChain = await signRecord({
      account: h.account,
      record: signed.record,
      domain: { ...h.domain, chainId: 8453 },
    })
    await expectProblem(await h.post('/v1/records', submission(wrongChain)), 401, 'invalid_signature')
    const wrongRegistry = await signRecord({
      account: h.account,
      record: signed.record,
      domain: { ...h.domain, registry: other.address },
    })
    await expectProblem(await h.post('/v1/records', submission(wrongRegistry)), 401, 'invalid_signature')
    await expectProblem(
      await h.post('/v1/records', { ...submission(signed), metadata: { title: 'not what was hashed' } }),
      422,
      'metadata_mismatch',
    )
  })

  it('replayed records', async () => {
    const signed = await makeSigned(h.account, h.domain)
    expect((await h.post('/v1/records', submission(signed))).status).toBe(202)
    await expectProblem(await h.post('/v1/records', submission(signed)), 409, 'record_exists')
  })

  it('a batch with one bad record stores none of them and names the bad one', async () => {
    const before = await recordCount()
    const good = await makeSigned(h.account, h.domain)
    const bad = await makeSigned(h.account, h.domain)
    const problem = await expectProblem(
      await h.post('/v1/records/batch', {
        records: [submission(good), submission({ ...bad, signature: good.signature })],
      }),
      401,
      'invalid_signature',
    )
    expect(problem.index).toBe(1)
    expect(await recordCount()).toBe(before)
    expect((await h.get(`/v1/records/${recordId(good.record)}`)).status).toBe(404)
  })

  it('bad ids, unknown records and unknown routes', async () => {
    await expectProblem(await h.get('/v1/records/0x1234'), 400, 'invalid_request')
    await expectProblem(await h.get(`/v1/records/${randomHash()}`), 404, 'not_found')
    await expectProblem(await h.get('/v1/records?contentHash=abc'), 400, 'invalid_request')
    await expectProblem(await h.get('/v1/nothing'), 404, 'not_found')
    expect((await h.get('/health')).status).toBe(200)
  })
})

describe('a chain that is down', () => {
  it('keeps the server up: batch records are queued, direct ones refused with chain_unavailable, health degraded', async () => {
    const local = await startHarness()
    try {
      await local.chain.stop()
      const queued = await makeSigned(local.account, local.domain)
      expect((await local.post('/v1/records', submission(queued))).status).toBe(202)
      await local.server.batcher.tick(true)
      const stored = (await (await local.get(`/v1/records/${recordId(queued.record)}`)).json()) as {
        status: string
        batch: { root: Hex }
      }
      expect(stored.status).toBe('batched')
      const direct = await makeSigned(local.account, local.domain)
      await expectProblem(
        await local.post('/v1/records', submission(direct, { mode: 'direct' })),
        503,
        'chain_unavailable',
      )
      const health = await local.get('/health')
      expect(health.status).toBe(503)
      expect(((await health.json()) as { chain: { reachable: boolean } }).chain.reachable).toBe(false)
    } finally {
      await local.server.close()
    }
  })
})
