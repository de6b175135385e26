// OpenAPI paths of the License layer: the read side of assets, terms, licenses, royalties and consents, and
// the bytes of works behind license checks. Merged into openapi.ts.
import { z } from 'zod'
import { wireConsentGrant } from './routes/consents.js'

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
const problem = {
  description: 'RFC 9457 problem; `code` is stable',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}
const bytes32 = { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' }
const assetIdParam = { name: 'assetId', in: 'path', required: true, schema: bytes32 }
const accountQuery = {
  name: 'account',
  in: 'query',
  required: true,
  schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' },
}
const useQuery = {
  name: 'use',
  in: 'query',
  required: true,
  schema: { type: 'string', enum: ['data-mining', 'inference', 'generative-training', 'training'] },
}
const object = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
})
const signedRequest = {
  name: 'authorization',
  in: 'header',
  required: false,
  description:
    'Signed request: `Rightflow-EIP712 account=0x…,expires=<unix s>,nonce=0x<32 bytes>,signature=0x…`, an EIP-712 ' +
    'ApiRequest(string method,string path,bytes32 bodyHash,uint64 expiresAt,bytes32 nonce) signed by the account ' +
    '(domain "Rightflow API" v1, chainId, verifyingContract = the provenance registry). `path` includes the query ' +
    'string; bodyHash is the sha256 of the body (zero without one). Valid ≤ 10 minutes; each nonce is accepted once.',
  schema: { type: 'string' },
}

export const rightsPaths = {
  '/v1/rights': {
    get: {
      summary: 'Addresses of the License contracts and the payment token on this chain',
      responses: {
        '200': object('chainId, paymentToken, assetRegistry, licenseToken, consentRegistry'),
        '503': problem,
      },
    },
  },
  '/v1/assets/{assetId}': {
    get: {
      summary:
        'An IP asset (id = its record id): owner, kind, revenue vault, parents and every terms ever published',
      parameters: [assetIdParam],
      responses: {
        '200': object('The asset with its terms (amounts as decimal strings)'),
        '400': problem,
        '404': problem,
      },
    },
  },
  '/v1/assets/{assetId}/check': {
    get: {
      summary: 'May this account use the asset for this AI use now? (license held, or dataset consent)',
      parameters: [assetIdParam, useQuery, accountQuery],
      responses: {
        '200': object('allowed, basis (license | consent | none), licenseId or consentId'),
        '400': problem,
      },
    },
  },
  '/v1/assets/{assetId}/royalties': {
    get: {
      summary: "An account's revenue shares and claimable royalties, and the vault's totals",
      parameters: [assetIdParam, accountQuery],
      responses: {
        '200': object('Amounts in payment-token units as decimal strings'),
        '400': problem,
        '404': problem,
      },
    },
  },
  '/v1/assets/{assetId}/consents': {
    get: {
      summary: 'Consents granted on a dataset asset, with whether each is active now',
      parameters: [assetIdParam],
      responses: { '200': object('consents'), '400': problem, '404': problem },
    },
  },
  '/v1/consents': {
    post: {
      summary:
        'Relay a dataset owner\'s signed consent grant (EIP-712 Consent, domain "Rightflow Consent" v1, verifyingContract = the consent registry); the server\'s relayer pays the gas',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(wireConsentGrant) } },
      },
      responses: {
        '201': object('consentId, txHash'),
        '400': problem,
        '401': problem,
        '415': problem,
        '422': problem,
        '429': {
          ...problem,
          description:
            "relay_quota_exceeded: past the signer's daily relay quota; relay_capacity_exceeded: past the server's daily cap for all accounts",
        },
      },
    },
  },
  '/v1/licenses': {
    get: {
      summary: 'Licenses an account holds (optionally for one asset), with whether each is still valid',
      parameters: [accountQuery, { name: 'asset', in: 'query', schema: bytes32 }],
      responses: { '200': object('licenses'), '400': problem },
    },
  },
  '/v1/content/{contentHash}': {
    get: {
      summary:
        'The bytes of a registered work. Unprotected works are public; a work that is an IP asset is served only for an AI use the signed-in caller is allowed (owner, license, dataset consent)',
      parameters: [
        { name: 'contentHash', in: 'path', required: true, schema: bytes32 },
        { ...useQuery, required: false, description: 'Required for protected works' },
        signedRequest,
      ],
      responses: {
        '200': {
          description:
            'The bytes; header Rightflow-Usage says on what grounds. Never run in this origin: nosniff and a sandbox CSP always; only passive types (still images but SVG, audio, video, text/plain) inline as themselves, anything else (HTML, SVG, XML, scripts, PDF, …) an application/octet-stream attachment with the declared type in Rightflow-Media-Type',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        '400': problem,
        '401': problem,
        '403': {
          ...problem,
          description:
            'license_required: the problem lists assetId, use and the offers (terms on sale) that would allow it',
        },
        '404': problem,
      },
    },
    put: {
      summary:
        'Store the bytes of a work; only the creator of a record with this content hash (signed request)',
      parameters: [
        { name: 'contentHash', in: 'path', required: true, schema: bytes32 },
        { ...signedRequest, required: true },
      ],
      requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
      responses: {
        '201': object('contentHash, size'),
        '401': problem,
        '403': problem,
        '404': problem,
        '413': problem,
        '422': problem,
      },
    },
  },
} as const
