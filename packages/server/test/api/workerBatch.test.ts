import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

// Batches this large are checked on worker threads (SignatureVerifier), not inline.
const many = (n: number) => Promise.all(Array.from({ length: n }, () => makeSigned(h.account, h.domain)))

describe('large batches checked on worker threads', () => {
  it('accepts 300 valid records', async () => {
    const records = await many(300)
    const response = await h.post('/v1/records/batch', { records: records.map((r) => submission(r)) })
    expect(response.status).toBe(202)
    const { results } = (await response.json()) as { results: { status: string }[] }
    expect(results.filter((r) => r.status === 'pending')).toHaveLength(300)
  })

  it('refuses the whole batch and names the forged record, wherever it sits', async () => {
    const records = await many(300)
    const forged = records.map((r, i) => (i === 211 ? { ...r, signature: records[0]!.signature } : r))
    const before = (await h.server.store.counts()).records
    const response = await h.post('/v1/records/batch', { records: forged.map((r) => submission(r)) })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'invalid_signature', index: 211 })
    expect((await h.server.store.counts()).records).toBe(before)
  })
})
