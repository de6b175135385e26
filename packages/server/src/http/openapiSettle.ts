// OpenAPI paths of the Settle layer's read side: channels, streams, escrows and agent wallets, answered from the
// chain. Merged into openapi.ts.
const problem = {
  description: 'RFC 9457 problem; `code` is stable',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}
const object = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
})
const positiveId = (name: string) => ({
  name,
  in: 'path',
  required: true,
  description: 'A positive decimal integer',
  schema: { type: 'string', pattern: '^[1-9][0-9]{0,30}$' },
})
/** What every read answers besides the object: bad id, unknown id, Settle contracts absent. */
const refusals = {
  '400': problem,
  '404': problem,
  '503': { ...problem, description: 'payments_not_deployed: the Settle contracts are not on this chain' },
}

export const settlePaths = {
  '/v1/channels/{channelId}': {
    get: {
      summary:
        'A payment channel: payer, payee, voucher signer, deposit, claimed, remaining, royalty, close state',
      parameters: [
        {
          name: 'channelId',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
        },
      ],
      responses: { '200': object('The channel (amounts as decimal strings)'), ...refusals },
    },
  },
  '/v1/streams/{streamId}': {
    get: {
      summary: 'A payment stream: sender, recipient, rate per second, deposit, withdrawn, withdrawable now',
      parameters: [positiveId('streamId')],
      responses: { '200': object('The stream (amounts as decimal strings)'), ...refusals },
    },
  },
  '/v1/escrows/{escrowId}': {
    get: {
      summary: 'An escrow deal: payer, payee, arbiter, amount, released, remaining, deadline, refunded',
      parameters: [positiveId('escrowId')],
      responses: { '200': object('The deal (amounts as decimal strings)'), ...refusals },
    },
  },
  '/v1/agents/{agent}/wallet': {
    get: {
      summary:
        "An agent's wallet: owner, balance, spending policy (budgets per period, payee allow-list, pause)",
      parameters: [
        {
          name: 'agent',
          in: 'path',
          required: true,
          description: 'The agent key address',
          schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' },
        },
      ],
      responses: { '200': object('The wallet (amounts as decimal strings)'), ...refusals },
    },
  },
}
