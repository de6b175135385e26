// OpenAPI paths of the paid routes (x402: PAYMENT-REQUIRED / PAYMENT-SIGNATURE / PAYMENT-RESPONSE). Merged into
// openapi.ts.
const problem = {
  description: 'RFC 9457 problem; `code` is stable',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}
const bytes32 = { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' }

export const paidPaths = {
  '/v1/paid/content/{contentHash}': {
    get: {
      summary:
        'The bytes of a registered work for a per-call payment instead of a license: x402 `channel` (a voucher, no transaction) or `exact` (EIP-3009). For an IP asset, its terms must allow the use, and a share of each payment (10% by default) goes to its vault',
      parameters: [
        { name: 'contentHash', in: 'path', required: true, schema: bytes32 },
        {
          name: 'use',
          in: 'query',
          required: true,
          schema: { type: 'string', enum: ['data-mining', 'inference', 'generative-training', 'training'] },
        },
        {
          name: 'payment-signature',
          in: 'header',
          required: false,
          description:
            'x402 v2 PaymentPayload, base64 JSON: a `channel` voucher { channelId, cumulativeAmount, signature } or an `exact` authorization (docs/channel-scheme.md)',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description:
            'The bytes, with the same safe headers as GET /v1/content (nosniff, sandbox CSP, active types as attachments); PAYMENT-RESPONSE carries the receipt (for `channel`: channelId, accepted, charged, remaining; transaction "")',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        '400': problem,
        '402': {
          ...problem,
          description:
            'Payment required or refused: PAYMENT-REQUIRED lists `channel` and `exact` (price, payee, extra.channels, extra.minDeposit, extra.royalty); `code` says why a payment was refused (voucher_stale and voucher_insufficient also carry the server’s view of the channel)',
        },
        '403': { ...problem, description: 'use_not_allowed: the owner’s terms do not allow this use' },
        '404': problem,
      },
    },
  },
}
