const request = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['x402Version', 'paymentPayload', 'paymentRequirements'],
        properties: {
          x402Version: { const: 2 },
          paymentPayload: {
            type: 'object',
            description: 'x402 v2 PaymentPayload (as sent in PAYMENT-SIGNATURE)',
          },
          paymentRequirements: { type: 'object', description: 'The PaymentRequirements it pays' },
        },
      },
    },
  },
}
const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
})

/** The x402 facilitator API (x402 v2 wire format, not problem+json: x402 clients read these bodies). */
export const facilitatorPaths = {
  '/facilitator/verify': {
    post: {
      summary:
        'x402: is this payment valid for these requirements? (signature, payee, amount, window, balance)',
      requestBody: request,
      responses: {
        '200': answer('VerifyResponse: isValid, invalidReason (stable code), payer'),
        '400': answer('Not a verify request: isValid false, invalidReason invalid_request'),
      },
    },
  },
  '/facilitator/settle': {
    post: {
      summary: 'x402: execute the payment on chain (the relayer pays gas); once per authorization',
      requestBody: request,
      responses: {
        '200': answer('SettleResponse: success, transaction, network, payer, errorReason (stable code)'),
        '400': answer('Not a settle request: success false, errorReason invalid_request'),
      },
    },
  },
  '/facilitator/supported': {
    get: {
      summary: 'x402: the scheme and network kinds this facilitator settles, and its signer addresses',
      responses: { '200': answer('SupportedResponse: kinds, extensions, signers') },
    },
  },
}
