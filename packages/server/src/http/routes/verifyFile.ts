import {
  BaseError,
  type ContentCredentials,
  compareWithRecord,
  defaultMatchDistance,
  perceptualHashImage,
  readableMediaTypes,
  readContentCredentials,
  sha256Bytes,
} from '@rightflow/sdk'
import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import type { PerceptualSearch } from '../../perceptual/PerceptualSearch.js'
import type { ProvenanceStore } from '../../store/types.js'
import { limitBody } from '../limitBody.js'
import { type ClaimStanding, presentClaims } from '../presentClaims.js'
import { type PerceptualMatchInfo, presentPerceptualMatches } from '../presentPerceptualMatches.js'
import type { PresentedRecord } from '../presentRecord.js'
import { ProblemError } from '../problem.js'

type Match = { kind: 'exact' } | PerceptualMatchInfo

/** Files up to this size can be checked by upload; larger ones are better hashed on the client. */
export const maxUploadBytes = 64 * 1024 * 1024

/**
 * POST /v1/verify: the file's bytes in, everything the server knows about them out — records with these
 * exact bytes (else records of images that look the same), and any C2PA manifest in the file, validated
 * and set beside the record. Anchors are for the caller to check against the chain (the SDK's
 * verifyContent and `rightflow verify` do).
 */
export function verifyFileRoutes(
  store: ProvenanceStore,
  perceptual: PerceptualSearch,
  chain: ChainContext,
  trustAnchorsPem: string | undefined,
) {
  const app = new Hono()
  app.post('/verify', limitBody(maxUploadBytes, 'Uploads'), async (c) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!mediaType || mediaType === 'application/json')
      throw new ProblemError(
        'unsupported_media_type',
        'Send the file itself, with its media type as Content-Type.',
      )
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length === 0) throw new ProblemError('invalid_request', 'The file is empty.')
    const contentHash = sha256Bytes(bytes)

    const exact = await store.findByContentHash(contentHash)
    // Earliest claim first, each labelled: a later claim on the same bytes is shown, never as the owner.
    const records: (PresentedRecord & { match: Match; claim?: ClaimStanding })[] = (
      await presentClaims(exact, store)
    ).map((r) => ({ ...r, match: { kind: 'exact' } as const }))
    let perceptualHash: { hash: `0x${string}`; quality: number } | null = null
    let reframed: `0x${string}`[] = []
    if (mediaType.startsWith('image/')) {
      const hashed = await perceptualHashImage({ bytes, reframe: true }).catch((error: unknown) => {
        if (error instanceof BaseError) return undefined
        throw error
      })
      if (hashed) {
        perceptualHash = { hash: hashed.hash, quality: hashed.quality }
        reframed = hashed.reframed ?? []
      }
    }
    if (records.length === 0 && perceptualHash) {
      let matches = perceptual.search(perceptualHash.hash)
      // A cropped copy: its re-framed hashes, only when its own hash finds nothing.
      if (matches.length === 0 && reframed.length)
        matches = perceptual.searchAny([perceptualHash.hash, ...reframed])
      const quality = perceptualHash.quality
      records.push(
        ...(await presentPerceptualMatches(store, matches, { quality, maxDistance: defaultMatchDistance })),
      )
    }

    let credentials: ContentCredentials | undefined
    let credentialsError: { code: string; message: string } | null = null
    if (readableMediaTypes.includes(mediaType)) {
      try {
        credentials = await readContentCredentials({ bytes, mediaType, trustAnchorsPem })
      } catch (error) {
        if (!(error instanceof BaseError)) throw error
        credentialsError = { code: error.code, message: error.shortMessage }
      }
    }
    const best = records[0]
    return c.json({
      contentHash,
      perceptualHash,
      records,
      c2pa: {
        credentials: credentials ?? null,
        error: credentialsError,
        agreement: compareWithRecord(credentials, best && { id: best.id, record: best.record }, chain),
      },
    })
  })
  return app
}
