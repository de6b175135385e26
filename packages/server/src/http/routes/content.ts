import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import type { ContentStore } from '../../content/ContentStore.js'
import { userBytesHeaders } from '../../content/servingHeaders.js'
import type { UsageGate } from '../../rights/usageGate.js'
import type { ProvenanceStore } from '../../store/types.js'
import { authenticateRequest } from '../authenticateRequest.js'
import { limitBody } from '../limitBody.js'
import { parseContentHash, parseUse } from '../params.js'
import { ProblemError } from '../problem.js'
import { maxUploadBytes } from './verifyFile.js'

/**
 * The bytes of registered works.
 * - PUT /v1/content/:contentHash: the creator of a record with this content hash stores its bytes (signed
 *   request; the bytes must hash to the path).
 * - GET /v1/content/:contentHash?use=<AI use>: anyone gets unprotected content; content that is an IP asset
 *   is served only to a caller who proves their address by a signed request and is allowed the use (owner,
 *   license or dataset consent). Otherwise 403 license_required, with the terms on sale that would allow it.
 */
export function contentRoutes(deps: {
  store: ProvenanceStore
  chain: ChainContext
  content: ContentStore
  gate: UsageGate
}) {
  const { store, content, gate } = deps
  const app = new Hono()

  app.put('/content/:contentHash', limitBody(maxUploadBytes, 'Uploads'), async (c) => {
    const contentHash = parseContentHash(c.req.param('contentHash'))
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const account = await authenticateRequest(c, deps, bytes)
    const records = await store.findByContentHash(contentHash)
    if (records.length === 0)
      throw new ProblemError('not_found', 'No record has this content hash; register the work first.')
    if (!records.some((r) => r.record.creator.toLowerCase() === account.toLowerCase()))
      throw new ProblemError(
        'not_record_creator',
        `Only the creator of a record of this content may store its bytes; ${account} created none.`,
      )
    if (!(await content.put(contentHash, bytes)))
      throw new ProblemError(
        'content_mismatch',
        'The bytes do not hash (sha256) to the content hash in the path.',
      )
    return c.json({ contentHash, size: bytes.length }, 201)
  })

  app.get('/content/:contentHash', async (c) => {
    const contentHash = parseContentHash(c.req.param('contentHash'))
    // `use` matters only for protected content, but a bad one is refused on public content too.
    if (c.req.query('use') !== undefined) parseUse(c.req.query('use'))
    const records = await store.findByContentHash(contentHash)
    if (records.length === 0 || !(await content.has(contentHash)))
      throw new ProblemError('content_not_found', 'The server holds no bytes with this content hash.')
    const mediaType = records[0]!.record.mediaType
    const protectedBy = await gate.protectingAssets(contentHash)
    if (protectedBy.length === 0)
      return serve(c, await content.get(contentHash), mediaType, { basis: 'public' })

    const use = parseUse(c.req.query('use'))
    const account = await authenticateRequest(c, deps)
    const decision = await gate.decide(protectedBy, use, account)
    if (!decision.allowed)
      throw new ProblemError(
        'license_required',
        `${account} holds no license for ${use} of this work; buy one of the offered licenses first.`,
        { status: 403, assetId: decision.missing.assetId, use, account, offers: decision.offers },
      )
    const grounds = decision.grounds.map(
      (g) => `${g.assetId};basis=${g.basis}${g.ref ? `;ref=${g.ref}` : ''}`,
    )
    return serve(c, await content.get(contentHash), mediaType, { basis: grounds.join(', ') })
  })

  return app
}

function serve(
  c: { body: (data: Uint8Array, status: 200, headers: Record<string, string>) => Response },
  bytes: Buffer | undefined,
  mediaType: string,
  { basis }: { basis: string },
): Response {
  if (!bytes) throw new ProblemError('content_not_found', 'The server holds no bytes with this content hash.')
  return c.body(new Uint8Array(bytes), 200, {
    ...userBytesHeaders(mediaType),
    'cache-control': basis === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store',
    'rightflow-usage': basis,
  })
}
