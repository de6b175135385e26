import { z } from 'zod'
import { wireBatch, wireSubmission } from '../ingest/wireRecord.js'
import { facilitatorPaths } from '../payments/facilitator/openapiFacilitator.js'
import { paidPaths } from './openapiPaid.js'
import { rightsPaths } from './openapiRights.js'
import { settlePaths } from './openapiSettle.js'

// Request schemas are generated from the same zod schemas that validate requests, so the document
// cannot drift from what the server accepts.
const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

const problem = {
  description: 'RFC 9457 problem; `code` is stable',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } })
const idParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
})

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Rightflow API',
    version: '0.1.0',
    description:
      'Birth certificates for digital content. Writes carry the creator’s EIP-712 signature over the record ' +
      '(domain: name "Rightflow Provenance", version "1", chainId, verifyingContract = registry); there is no ' +
      'API key. Every answer about anchoring can be checked against the chain: see GET /health for the chain ' +
      'id and registry address.',
  },
  paths: {
    '/v1/records': {
      post: {
        summary: 'Register one signed record (batch mode by default, or direct mode)',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(wireSubmission) } },
        },
        responses: {
          '201': { description: 'Direct record written on chain', content: json('IngestResult') },
          '202': { description: 'Accepted; anchored with the next batch', content: json('IngestResult') },
          '400': problem,
          '401': problem,
          '409': problem,
          '413': problem,
          '422': problem,
          '429': {
            ...problem,
            description:
              "relay_quota_exceeded: past the creator's daily relay quota (one transaction, plus one per parent to prove); relay_capacity_exceeded: past the server's daily cap for all accounts",
          },
          '503': problem,
        },
      },
      get: {
        summary: 'Look up records by content hash or by creator',
        description:
          'Every parameter is checked when present: a value that does not parse or is out of range, or one given twice, is 400 invalid_request (never replaced by the default).',
        parameters: [
          { name: 'contentHash', in: 'query', schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' } },
          {
            name: 'perceptualHash',
            in: 'query',
            schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
            description: 'PDQ hash: images that look like it',
          },
          { name: 'quality', in: 'query', schema: { type: 'number', minimum: 0, maximum: 100 } },
          { name: 'maxDistance', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 64 } },
          { name: 'creator', in: 'query', schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          { name: 'cursor', in: 'query', schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          '200': { description: 'Matching records', content: json('RecordList') },
          '400': problem,
        },
      },
    },
    '/v1/records/batch': {
      post: {
        summary: 'Register up to 1,000 signed records at once; all are checked before any is stored',
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(wireBatch) } } },
        responses: {
          '202': {
            description: 'Per-record results (`exists` for records already registered)',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    results: { type: 'array', items: { $ref: '#/components/schemas/IngestResult' } },
                  },
                },
              },
            },
          },
          '400': problem,
          '401': problem,
          '413': problem,
          '415': problem,
          '422': problem,
          '503': problem,
        },
      },
    },
    '/v1/records/perceptual-search': {
      post: {
        summary: 'Records of images near any of several PDQ hashes (a cropped copy and its re-framed hashes)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['hashes'],
                properties: {
                  hashes: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 128 },
                  quality: { type: 'number' },
                  maxDistance: { type: 'integer' },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'Matches, nearest first', content: json('RecordList') },
          '400': problem,
          '413': problem,
          '415': problem,
          '503': problem,
        },
      },
    },
    '/v1/records/{id}': {
      get: {
        summary: 'A record, its status and its inclusion proof',
        parameters: [idParam('id')],
        responses: { '200': { description: 'The record', content: json('StoredRecord') }, '404': problem },
      },
    },
    '/v1/records/{id}/lineage': {
      get: {
        summary: 'Ancestors and descendants as trees',
        parameters: [
          idParam('id'),
          { name: 'depth', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 32 } },
        ],
        responses: {
          '200': { description: 'Lineage', content: { 'application/json': { schema: { type: 'object' } } } },
          '404': problem,
        },
      },
    },
    '/v1/batches/{root}': {
      get: {
        summary: 'An anchoring batch and its status',
        parameters: [idParam('root')],
        responses: {
          '200': {
            description: 'The batch',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '404': problem,
        },
      },
    },
    '/v1/verify': {
      post: {
        summary:
          'Upload a file: its records (exact bytes, else images that look the same) and its C2PA manifest, validated and compared with the record',
        requestBody: {
          required: true,
          description: 'The file itself, with its media type as Content-Type (up to 64 MiB)',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: {
          '200': {
            description:
              'contentHash, perceptualHash, records (earliest anchored claim first; each with match: exact or perceptual with distance and confidence, and for exact matches claim { earliest, earlierRecord }), c2pa { credentials, error, agreement }',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '400': problem,
          '413': problem,
          '415': problem,
          '503': {
            ...problem,
            description: 'server_busy: uploads in memory at their budget; see Retry-After',
          },
        },
      },
    },
    ...rightsPaths,
    ...paidPaths,
    ...settlePaths,
    ...facilitatorPaths,
    '/health': {
      get: {
        summary: 'Liveness, chain id, registry address, indexer position, relayer balance',
        responses: {
          '200': { description: 'Serving; `degraded` may list `relayer_balance_low` (a warning)' },
          '503': { description: 'Degraded: `chain_unreachable` or `indexer_error`' },
        },
      },
    },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string' },
          detail: { type: 'string' },
          index: { type: 'integer', description: 'For batch submissions: the failing record' },
          errors: { type: 'array', items: { type: 'object' } },
        },
      },
      IngestResult: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: { enum: ['pending', 'exists', 'anchored'] },
          txHash: { type: 'string' },
        },
      },
      StoredRecord: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          record: { type: 'object' },
          signature: { type: ['string', 'null'] },
          metadata: { type: ['object', 'null'] },
          mode: { enum: ['batch', 'direct'] },
          status: { enum: ['pending', 'batched', 'anchored'] },
          receivedAt: { type: 'string', format: 'date-time' },
          batch: {
            type: ['object', 'null'],
            properties: {
              root: { type: 'string' },
              leafIndex: { type: 'integer' },
              proof: { type: 'array', items: { type: 'string' } },
            },
          },
          chain: {
            type: ['object', 'null'],
            properties: {
              txHash: { type: 'string' },
              blockNumber: { type: 'integer' },
              timestamp: { type: 'integer' },
              logIndex: {
                type: 'integer',
                description:
                  "The anchoring event's place in its block (absent until the indexer has seen it); orders claims " +
                  'anchored in the same block.',
              },
            },
          },
        },
      },
      ClaimStanding: {
        type: 'object',
        description:
          'Where a record stands among the records of the same bytes. Rights follow the earliest anchored claim ' +
          '(earliest anchor time, then block, then the anchoring event in the block, then the leaf index within one ' +
          'batch, i.e. the order the server received them, then record id); later claims are recorded but hold no rights.',
        properties: {
          earliest: {
            type: 'boolean',
            description: 'This record is the earliest anchored claim on its bytes',
          },
          earlierRecord: {
            type: ['string', 'null'],
            description:
              'The earliest anchored claim, when this record is not it; null when none is anchored',
          },
        },
      },
      RecordList: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              allOf: [
                { $ref: '#/components/schemas/StoredRecord' },
                {
                  type: 'object',
                  description: 'Listed by contentHash: earliest claim first, each with its standing',
                  properties: { claim: { $ref: '#/components/schemas/ClaimStanding' } },
                },
              ],
            },
          },
          nextCursor: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const
