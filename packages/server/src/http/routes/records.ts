import type { Hex } from '@rightflow/sdk'
import { Hono } from 'hono'
import { z } from 'zod'
import { RecordExistsError } from '../../ingest/ingestErrors.js'
import type { RecordService } from '../../ingest/RecordService.js'
import { wireBatch, wireSubmission } from '../../ingest/wireRecord.js'
import type { PerceptualSearch } from '../../perceptual/PerceptualSearch.js'
import { chargeRelayQuota } from '../../relay/relayQuotaGuard.js'
import type { SqliteRelayQuota } from '../../relay/SqliteRelayQuota.js'
import type { ProvenanceStore, StoredRecord } from '../../store/types.js'
import { lineageOf } from '../lineage.js'
import { parseQuery, queryAddress, queryBytes32, queryInt, queryNumber } from '../params.js'
import { presentClaims } from '../presentClaims.js'
import { presentPerceptualMatches } from '../presentPerceptualMatches.js'
import { presentRecord } from '../presentRecord.js'
import { ProblemError } from '../problem.js'
import { readJson } from '../readJson.js'

const hex32 = /^0x[0-9a-fA-F]{64}$/
/** GET /records: one of contentHash, perceptualHash (with maxDistance, quality) or creator (with limit, cursor). */
const recordsQuery = {
  contentHash: queryBytes32,
  perceptualHash: queryBytes32,
  maxDistance: queryInt(0, 64),
  quality: queryNumber(0, 100),
  creator: queryAddress,
  limit: queryInt(1, 500),
  cursor: queryInt(0, Number.MAX_SAFE_INTEGER),
}
const lineageQuery = { depth: queryInt(1, 32) }
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

/**
 * Register, look up and trace records. Writes are authenticated by the creator's EIP-712 signature; direct
 * registrations (the relayer pays the gas) count against the creator's daily relay quota and the server's
 * daily cap: one transaction for the record and one for each batch-anchored parent it must prove first.
 */
export function recordRoutes(
  store: ProvenanceStore,
  service: RecordService,
  perceptual: PerceptualSearch,
  relayQuota?: SqliteRelayQuota,
) {
  const app = new Hono()
  const present = (records: StoredRecord[]) => Promise.all(records.map((r) => presentRecord(r, store)))

  app.post('/records', async (c) => {
    const submission = await readJson(c, wireSubmission)
    if (submission.mode === 'direct')
      return c.json(
        await service.ingestDirect(submission, (creator, transactions) =>
          chargeRelayQuota(relayQuota, creator, transactions),
        ),
        201,
      )
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
    // Every parameter is checked when present, whichever of them the query is answered by.
    const query = parseQuery(c, recordsQuery)
    if (query.perceptualHash) {
      const { maxDistance = 31, quality = 100 } = query
      return c.json({
        items: await presentPerceptualMatches(store, perceptual.search(query.perceptualHash, maxDistance), {
          quality,
          maxDistance,
        }),
      })
    }
    if (query.contentHash)
      return c.json({ items: await presentClaims(await store.findByContentHash(query.contentHash), store) })
    if (query.creator) {
      const page = await store.listByCreator(query.creator, {
        limit: query.limit ?? 100,
        after: query.cursor ?? 0,
      })
      // A record waiting for its batch is not listed: its content hash would tell anyone watching which bytes
      // to claim first, before the creator's anchor lands. Lookups by content hash or id (which need the bytes or
      // the record) still find it. A page may therefore hold fewer than `limit` items.
      const anchored = page.items.filter((record) => record.status === 'anchored')
      return c.json({ items: await present(anchored), nextCursor: page.nextCursor ?? null })
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
    const { depth = 16 } = parseQuery(c, lineageQuery)
    if (!(await store.getRecord(id))) throw new ProblemError('not_found', `No record ${id}.`)
    return c.json(await lineageOf(store, id, depth))
  })

  app.get('/batches/:root', async (c) => {
    const root = hashParam(c.req.param('root'), 'A batch root')
    const batch = await store.getBatch(root)
    if (!batch) throw new ProblemError('not_found', `No batch ${root}.`)
    return c.json(batch)
  })

  return app
}
