import { assertJsonDepth, maxJsonDepth } from '@rightflow/sdk'
import { PaymentPayloadV2Schema, PaymentRequirementsV2Schema } from '@x402/core/schemas'
import type { FacilitatorClient } from '@x402/core/server'
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** A verify or settle request is two small JSON objects; nothing legitimate comes near this. */
export const maxFacilitatorRequestBytes = 64 * 1024

type FacilitatorRequest = { paymentPayload: PaymentPayload; paymentRequirements: PaymentRequirements }

/**
 * The x402 facilitator HTTP API over any FacilitatorClient: `POST /verify` and `POST /settle` take
 * `{ x402Version, paymentPayload, paymentRequirements }` and answer a VerifyResponse / SettleResponse (200, with
 * `isValid` / `success` false and a reason when the payment is refused); `GET /supported` lists the scheme and
 * network kinds. A body that is not such a request gets 400 with the same shape and reason `invalid_request`,
 * which is what x402's HTTPFacilitatorClient reads.
 *
 * @example
 * app.route('/facilitator', facilitatorRoutes(facilitator))
 */
export function facilitatorRoutes(facilitator: FacilitatorClient) {
  const app = new Hono()
  app.use(
    '*',
    bodyLimit({
      maxSize: maxFacilitatorRequestBytes,
      onError: (c) => c.json({ error: 'invalid_request', message: 'Body too large.' }, 413),
    }),
  )
  app.post('/verify', async (c) => {
    const request = await readRequest(c)
    if (typeof request === 'string')
      return c.json({ isValid: false, invalidReason: 'invalid_request', invalidMessage: request }, 400)
    return c.json(await facilitator.verify(request.paymentPayload, request.paymentRequirements))
  })
  app.post('/settle', async (c) => {
    const request = await readRequest(c)
    if (typeof request === 'string')
      return c.json(
        {
          success: false,
          errorReason: 'invalid_request',
          errorMessage: request,
          transaction: '',
          network: '',
        },
        400,
      )
    return c.json(await facilitator.settle(request.paymentPayload, request.paymentRequirements))
  })
  app.get('/supported', async (c) => c.json(await facilitator.getSupported()))
  return app
}

/** The parsed request, or why it is not one. */
async function readRequest(c: Context): Promise<FacilitatorRequest | string> {
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    return 'The body is not valid JSON.'
  }
  if (typeof body !== 'object' || body === null) return 'The body is not a JSON object.'
  // The same depth bound as every other JSON route, answered in x402's wire format rather than problem+json.
  try {
    assertJsonDepth(body)
  } catch {
    return `The body is nested deeper than ${maxJsonDepth} levels.`
  }
  const { x402Version, paymentPayload, paymentRequirements } = body as Record<string, unknown>
  if (x402Version !== 2) return 'Only x402Version 2 is supported.'
  const payload = PaymentPayloadV2Schema.safeParse(paymentPayload)
  if (!payload.success) return `paymentPayload: ${payload.error.issues[0]?.message ?? 'invalid'}`
  const requirements = PaymentRequirementsV2Schema.safeParse(paymentRequirements)
  if (!requirements.success)
    return `paymentRequirements: ${requirements.error.issues[0]?.message ?? 'invalid'}`
  // The schemas strip nothing we use; `extra` is normalised because the schemes read `extra.name` directly.
  return {
    paymentPayload: paymentPayload as PaymentPayload,
    paymentRequirements: {
      ...requirements.data,
      extra: requirements.data.extra ?? {},
    } as PaymentRequirements,
  }
}
