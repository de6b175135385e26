import type { Hex } from '@rightflow/sdk'
import { Hono } from 'hono'
import { z } from 'zod'
import { RecordExistsError } from '../../ingest/ingestErrors.js'
import type { RecordService } from '../../ingest/RecordService.js'
import { wireBatch, wireSubmission } from '../../ingest/wireRecord.js'
import type { ProvenanceStore } from '../../store/types.js'
import { lineageOf } from '../lineage.js'
import { presentRecord } from '../presentRecord.js'
import { ProblemError } from '../problem.js'
import { readJson } from '../readJson.js'

const hex32 = /^0x[0-9a-fA-F]{64}$/
const addressPattern = /^0x[0-9a-fA-F]{40}$/

function recordIdParam(value: string): Hex {
  if (!hex32.test(value)) throw new ProblemError('invalid_request', 'A record id is a 32-byte 0x-hex string.')
  return value.toLowerCase() as Hex
}

/** Register, look up and trace records. Writes are authenticated by the creator's EIP-712 signature. */
export function recordRoutes(store: ProvenanceStore, service: RecordService) {
  const app = new Hono()

  app.post('/records', async (c) => {
    const submission = await readJson(c, wireSubmission)
    if (submission.mode === 'direct') return c.json(await service.ingestDirect(submission), 201)
    const [result] = service.ingest([submission])
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
    return c.json({ results: service.ingest(records) }, 202)
  })

  app.get('/records', (c) => {
    const contentHash = c.req.query('contentHash')
    const creator = c.req.query('creator')
    if (contentHash) {
      if (!hex32.test(contentHash))
        throw new ProblemError('invalid_request', 'contentHash is a 32-byte 0x-hex sha256.')
      return c.json({
        items: store.findByContentHash(contentHash as Hex).map((r) => presentRecord(r, store)),
      })
    }
    if (creator) {
      if (!addressPattern.test(creator)) throw new ProblemError('invalid_request', 'creator is an address.')
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .catch(100)
        .parse(c.req.query('limit') ?? 100)
      const after = z.coerce
        .number()
        .int()
        .min(0)
        .catch(0)
        .parse(c.req.query('cursor') ?? 0)
      const page = store.listByCreator(creator as Hex, { limit, after })
      return c.json({
        items: page.items.map((r) => presentRecord(r, store)),
        nextCursor: page.nextCursor ?? null,
      })
    }
    throw new ProblemError('invalid_request', 'Query by contentHash or by creator.')
  })

  app.get('/records/:id', (c) => {
    const id = recordIdParam(c.req.param('id'))
    const stored = store.getRecord(id)
    if (!stored) throw new ProblemError('not_found', `No record ${id}.`)
    return c.json(presentRecord(stored, store))
  })

  app.get('/records/:id/lineage', (c) => {
    const id = recordIdParam(c.req.param('id'))
    if (!store.getRecord(id)) throw new ProblemError('not_found', `No record ${id}.`)
    const depth = z.coerce
      .number()
      .int()
      .min(1)
      .max(32)
      .catch(16)
      .parse(c.req.query('depth') ?? 16)
    return c.json(lineageOf(store, id, depth))
  })

  app.get('/batches/:root', (c) => {
    const root = recordIdParam(c.req.param('root'))
    const batch = store.getBatch(root)
    if (!batch) throw new ProblemError('not_found', `No batch ${root}.`)
    return c.json(batch)
  })

  return app
}
