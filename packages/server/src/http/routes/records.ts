import type { Hex } from '@rightflow/sdk'
import { Hono } from 'hono'
import { z } from 'zod'
import { RecordExistsError } from '../../ingest/ingestErrors.js'
import type { RecordService } from '../../ingest/RecordService.js'
import { wireBatch, wireSubmission } from '../../ingest/wireRecord.js'
import type { PerceptualSearch } from '../../perceptual/PerceptualSearch.js'
import type { ProvenanceStore, StoredRecord } from '../../store/types.js'
import { lineageOf } from '../lineage.js'
import { presentClaims } from '../presentClaims.js'
import { presentPerceptualMatches } from '../presentPerceptualMatches.js'
import { presentRecord } from '../presentRecord.js'
import { ProblemError } from '../problem.js'
import { readJson } from '../readJson.js'

const hex32 = /^0x[0-9a-fA-F]{64}$/
const addressPattern = /^0x[0-9a-fA-F]{40}$/
const limitParam = z.coerce.number().int().min(1).max(500).catch(100)
const cursorParam = z.coerce.number().int().min(0).catch(0)
const depthParam = z.coerce.number().int().min(1).max(32).catch(16)
const distanceParam = z.coerce.number().int().min(0).max(64).catch(31)
const qualityParam = z.coerce.number().min(0).max(100).catch(100)
const perceptualSearchBody = z.strictObject({
  hashes: z
    .array(z.string().regex(/^0x[0-9a-f]{64}$/, 'a 256-bit PDQ hash, 0x + 64 lowercase hex digits'))
    .min(1)
    .max(128) as unknown as z.ZodType<Hex[]>,
  quality: z.number().min(0).max(100).default(100),
  maxDistance: z.number().int().min(0).max(64).default(31),
})

function hashParam(value: string, what: string): Hex {
  if (!hex32.test(value)) throw new ProblemError('invalid_request', `${what} is a 32-byte 0x-hex string.`)
  return value.toLowerCase() as Hex
}

/** Register, look up and trace records. Writes are authenticated by the creator's EIP-712 signature. */
export function recordRoutes(store: ProvenanceStore, service: RecordService, perceptual: PerceptualSearch) {
  const app = new Hono()
  const present = (records: StoredRecord[]) => Promise.all(records.map((r) => presentRecord(r, store)))

  app.post('/records', async (c) => {
    const submission = await readJson(c, wireSubmission)
    if (submission.mode === 'direct') return c.json(await service.ingestDirect(submission), 201)
    const [result] = await service.ingest([submission])
    if (result!.status === 'exists') throw new RecordExistsError(result!.id)
    return c.json(result, 202)
  })

  app.post('/records/batch', async (c) => {
    const { records } = await readJson(c, wireBatch)
    if (records.some((r) => r.mode === 'direct'))
      throw new ProblemError(
        'invalid_request',
        'Batch submissions are anchored in batch mode; send direct records one by one.',
      )
    return c.json({ results: await service.ingest(records) }, 202)
  })

  // Many hashes at once (a cropped copy's re-framed hashes): too long for a query string.
  app.post('/records/perceptual-search', async (c) => {
    const { hashes, quality, maxDistance } = await readJson(c, perceptualSearchBody)
    return c.json({
      items: await presentPerceptualMatches(store, perceptual.searchAny(hashes, maxDistance), {
        quality,
        maxDistance,
      }),
    })
  })

  app.get('/records', async (c) => {
    const contentHash = c.req.query('contentHash')
    const creator = c.req.query('creator')
    const perceptualHash = c.req.query('perceptualHash')
    if (perceptualHash) {
      const hash = hashParam(perceptualHash, 'perceptualHash (PDQ)')
      const maxDistance = distanceParam.parse(c.req.query('maxDistance') ?? 31)
      const quality = qualityParam.parse(c.req.query('quality') ?? 100)
      return c.json({
        items: await presentPerceptualMatches(store, perceptual.search(hash, maxDistance), {
          quality,
          maxDistance,
        }),
      })
    }
    if (contentHash) {
      const hash = hashParam(contentHash, 'contentHash')
      return c.json({ items: await presentClaims(await store.findByContentHash(hash), store) })
    }
    if (creator) {
      if (!addressPattern.test(creator)) throw new ProblemError('invalid_request', 'creator is an address.')
      const page = await store.listByCreator(creator as Hex, {
        limit: limitParam.parse(c.req.query('limit') ?? 100),
        after: cursorParam.parse(c.req.query('cursor') ?? 0),
      })
      return c.json({ items: await present(page.items), nextCursor: page.nextCursor ?? null })
    }
    throw new ProblemError('invalid_request', 'Query by contentHash, perceptualHash or creator.')
  })

  app.get('/records/:id', async (c) => {
    const id = hashParam(c.req.param('id'), 'A record id')
    const stored = await store.getRecord(id)
    if (!stored) throw new ProblemError('not_found', `No record ${id}.`)
    return c.json(await presentRecord(stored, store))
  })

  app.get('/records/:id/lineage', async (c) => {
    const id = hashParam(c.req.param('id'), 'A record id')
    if (!(await store.getRecord(id))) throw new ProblemError('not_found', `No record ${id}.`)
    return c.json(await lineageOf(store, id, depthParam.parse(c.req.query('depth') ?? 16)))
  })

  app.get('/batches/:root', async (c) => {
    const root = hashParam(c.req.param('root'), 'A batch root')
    const batch = await store.getBatch(root)
    if (!batch) throw new ProblemError('not_found', `No batch ${root}.`)
    return c.json(batch)
  })

  return app
}
