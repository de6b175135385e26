import { type Hex, recordId, verifyMerkleProof } from '@rightflow/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

describe('registering and looking up records over HTTP', () => {
  it('accepts a signed record, anchors it in a batch and serves a proof the chain accepts', async () => {
    const signed = await makeSigned(h.account, h.domain, { metadata: { title: 'Sunrise' } })
    const response = await h.post('/v1/records', submission(signed, { metadata: { title: 'Sunrise' } }))
    expect(response.status).toBe(202)
    const { id, status } = (await response.json()) as { id: Hex; status: string }
    expect([id, status]).toEqual([recordId(signed.record), 'pending'])

    await h.anchorNow()
    const stored = (await (await h.get(`/v1/records/${id}`)).json()) as {
      status: string
      batch: { root: Hex; proof: Hex[] }
      chain: { txHash: Hex; logIndex: number }
      metadata: { title: string }
    }
    expect(stored).toMatchObject({ status: 'anchored', metadata: { title: 'Sunrise' } })
    expect(verifyMerkleProof({ leaf: id, proof: stored.batch.proof, root: stored.batch.root })).toBe(true)
    const receipt = await h.chain.publicClient.getTransactionReceipt({ hash: stored.chain.txHash })
    expect(receipt.status).toBe('success')
    // The anchoring event's place in its block: it orders claims anchored in the same block.
    const anchored = receipt.logs.find((log) => log.address.toLowerCase() === h.chain.registry.toLowerCase())
    expect(stored.chain.logIndex).toBe(anchored!.logIndex)

    const byHash = (await (await h.get(`/v1/records?contentHash=${signed.record.contentHash}`)).json()) as {
      items: { id: Hex }[]
    }
    expect(byHash.items.map((r) => r.id)).toEqual([id])
    const byCreator = (await (await h.get(`/v1/records?creator=${h.account.address}`)).json()) as {
      items: { id: Hex }[]
    }
    expect(byCreator.items.map((r) => r.id)).toContain(id)
  })

  it('pending records are not listed by creator (their content hash would show what to claim first), anchored ones are', async () => {
    const signed = await makeSigned(h.account, h.domain)
    expect((await h.post('/v1/records', submission(signed))).status).toBe(202)
    const id = recordId(signed.record)
    const listed = async () =>
      (
        (await (await h.get(`/v1/records?creator=${h.account.address}`)).json()) as { items: { id: Hex }[] }
      ).items.map((r) => r.id)
    expect(await listed()).not.toContain(id)
    // The creator, holding the bytes, still finds it by content hash.
    const byHash = (await (await h.get(`/v1/records?contentHash=${signed.record.contentHash}`)).json()) as {
      items: { id: Hex; status: string }[]
    }
    expect(byHash.items).toMatchObject([{ id, status: 'pending' }])
    await h.anchorNow()
    expect(await listed()).toContain(id)
  })

  it('registers a batch of records in one request, parents before children, and reports existing ones', async () => {
    const parent = await makeSigned(h.account, h.domain)
    const child = await makeSigned(h.account, h.domain, {
      origin: 'ai-assisted',
      model: 'upscaler',
      parents: [recordId(parent.record)],
    })
    const first = await h.post('/v1/records/batch', { records: [submission(parent), submission(child)] })
    expect(first.status).toBe(202)
    expect(((await first.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      'pending',
      'pending',
    ])
    const again = await h.post('/v1/records/batch', { records: [submission(parent)] })
    expect(((await again.json()) as { results: { status: string }[] }).results[0]!.status).toBe('exists')

    const lineage = (await (await h.get(`/v1/records/${recordId(child.record)}/lineage`)).json()) as {
      ancestors: { next: { id: Hex }[] }
    }
    expect(lineage.ancestors.next.map((n) => n.id)).toEqual([recordId(parent.record)])
    const descendants = (await (await h.get(`/v1/records/${recordId(parent.record)}/lineage`)).json()) as {
      descendants: { next: { id: Hex; origin: string }[] }
    }
    expect(descendants.descendants.next).toMatchObject([
      { id: recordId(child.record), origin: 'ai-assisted' },
    ])
  })

  it('writes a direct record on chain, proving its batch-anchored parent there first', async () => {
    const parent = await makeSigned(h.account, h.domain)
    await h.post('/v1/records', submission(parent))
    await h.anchorNow()
    const child = await makeSigned(h.account, h.domain, {
      origin: 'composite',
      parents: [recordId(parent.record)],
    })
    const response = await h.post('/v1/records', submission(child, { mode: 'direct' }))
    expect(response.status).toBe(201)
    const body = (await response.json()) as { status: string; txHash: Hex }
    expect(body.status).toBe('anchored')
    const receipt = await h.chain.publicClient.getTransactionReceipt({ hash: body.txHash })
    expect(receipt.status).toBe('success')
    await h.server.indexer.poll()
    const stored = (await (await h.get(`/v1/records/${recordId(child.record)}`)).json()) as {
      mode: string
      status: string
    }
    expect(stored).toMatchObject({ mode: 'direct', status: 'anchored' })
  })

  it('finds image records by perceptual hash, nearest first, with distance and confidence', async () => {
    const perceptualHash = `0x${'5a'.repeat(32)}` as Hex
    const metadata = { title: 'Lighthouse', perceptualHash, perceptualQuality: 90 }
    const signed = await makeSigned(h.account, h.domain, { metadata })
    expect((await h.post('/v1/records', submission(signed, { metadata }))).status).toBe(202)
    // Flip 3 bits of the first byte: a near copy.
    const near = `0x${(0x5a ^ 0b111).toString(16)}${'5a'.repeat(31)}` as Hex
    const found = (await (await h.get(`/v1/records?perceptualHash=${near}&quality=80`)).json()) as {
      items: { id: Hex; match: { kind: string; distance: number; confidence: number } }[]
    }
    expect(found.items).toHaveLength(1)
    expect(found.items[0]).toMatchObject({
      id: recordId(signed.record),
      match: { kind: 'perceptual', distance: 3 },
    })
    expect(found.items[0]!.match.confidence).toBeGreaterThan(0.9)
    const far = `0x${'a5'.repeat(32)}`
    expect(
      ((await (await h.get(`/v1/records?perceptualHash=${far}`)).json()) as { items: unknown[] }).items,
    ).toEqual([])
  })

  it('serves the OpenAPI 3.1 document, browsable docs and health', async () => {
    const doc = (await (await h.get('/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/records', '/v1/records/{id}/lineage', '/health']),
    )
    const docs = await h.get('/docs')
    expect(await docs.text()).toContain('swagger-ui-bundle.js')
    expect((await h.get('/docs/swagger-ui-bundle.js')).status).toBe(200)
    const health = (await (await h.get('/health')).json()) as {
      status: string
      chain: { chainId: number; registry: Hex }
    }
    expect(health).toMatchObject({ status: 'ok', chain: { chainId: 31337, registry: h.chain.registry } })
  })
})
