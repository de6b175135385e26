import { decodePaymentSignature } from '@rightflow/sdk'
import { decodePaymentRequiredHeader, encodePaymentRequiredHeader } from '@x402/core/http'
import { PaymentPayloadSchema } from '@x402/core/schemas'
import {
  type FacilitatorClient,
  type HTTPRequestContext,
  x402HTTPResourceServer,
  type x402ResourceServer,
} from '@x402/core/server'
import type { Network } from '@x402/core/types'
import { HonoAdapter, paymentMiddlewareFromHTTPServer } from '@x402/hono'
import type { Context, MiddlewareHandler } from 'hono'
import type { RoyaltyLedger } from '../royalty/RoyaltyLedger.js'
import { channelFastPath } from './channelFastPath.js'
import { createResourceServer } from './createResourceServer.js'
import { paymentFailureOf, paymentProblemBody, paymentReasons } from './paymentProblem.js'
import type { PaymentSchemeRegistration } from './paymentSchemes.js'
import { routeMatcher } from './routeMatcher.js'
import { type PaidRoutes, toRoutesConfig } from './toRoutesConfig.js'

export type PaidRoutesParameters = {
  routes: PaidRoutes
  /** Our Facilitator in process, or `new HTTPFacilitatorClient({ url })` for one over HTTP. */
  facilitator: FacilitatorClient | FacilitatorClient[]
  /** The network of routes that name none (CAIP-2, e.g. `eip155:8453`). */
  network?: Network | undefined
  /** The schemes routes may ask for; x402's `exact` on every EVM chain when absent. */
  schemes?: PaymentSchemeRegistration[] | undefined
  /** Records the royalty share of `exact` payments on routes with a royalty (see RoyaltyForwarder). */
  royaltyLedger?: RoyaltyLedger | undefined
  /** A resource server of your own (hooks, extensions); `facilitator`, `schemes` and `royaltyLedger` are then ignored. */
  server?: x402ResourceServer | undefined
}

/**
 * Hono middleware that prices routes with x402: an unpaid request gets 402 with a PAYMENT-REQUIRED header, a
 * request with a PAYMENT-SIGNATURE is verified, served, then settled (PAYMENT-RESPONSE on the answer). A
 * payment that is refused, or whose settlement fails, gets 402 and never the handler's body. Every 402 carries
 * a problem+json body whose `code` is the stable reason. Built on @x402/hono's middleware, so clients of any
 * x402 implementation can pay.
 *
 * @example
 * app.use(paidRoutes({
 *   network: 'eip155:8453',
 *   facilitator: new HTTPFacilitatorClient({ url: 'https://api.example/facilitator' }),
 *   routes: { 'GET /v1/paid/report': { price: { amount: '10000', asset: usdc, extra: { name: 'USD Coin', version: '2' } }, payTo } },
 * }))
 */
export function paidRoutes({
  routes,
  facilitator,
  network,
  schemes,
  royaltyLedger,
  server,
}: PaidRoutesParameters): MiddlewareHandler {
  const httpServer = new x402HTTPResourceServer(
    server ?? createResourceServer({ facilitator, schemes, royaltyLedger }),
    toRoutesConfig(routes, network),
  )
  // Only on a resource server of ours: one given to us may have hooks that every payment must pass through.
  const fastChannel = server ? undefined : channelFastPath(httpServer, schemes ?? [])
  const routeOf = routeMatcher(httpServer)
  const initialize = once(() => httpServer.initialize())
  // We initialise ourselves (lazily, retried after a failure) so a facilitator that starts after us is fine.
  const pay = paymentMiddlewareFromHTTPServer(httpServer, undefined, undefined, false)
  return async (c, next) => {
    // Hono answers HEAD with the GET handler, so HEAD is priced as GET. It is never served for a payment (it
    // could deliver nothing paid for): it gets the 402 an unpaid GET gets, with PAYMENT-REQUIRED.
    const head = c.req.method === 'HEAD'
    const route = routeOf(head ? 'GET' : c.req.method, c.req.path)
    if (!route) return next()
    try {
      await initialize()
    } catch (error) {
      return problem(c, 502, paymentReasons.facilitatorUnavailable, message(error))
    }
    if (head) return (await unpaid(c, httpServer, paymentReasons.required)) ?? next()
    const header = c.req.header('payment-signature')
    if (header !== undefined) {
      const decoded = decodedHeader(header)
      // The fast path checks every field it relies on itself; x402's schema is for what goes further.
      if (fastChannel && isObject(decoded) && (await fastChannel(c, next, route, decoded))) return
      if (!PaymentPayloadSchema.safeParse(decoded).success)
        return (await unpaid(c, httpServer, paymentReasons.malformed)) ?? next()
    }
    let handlerStatus: number | undefined
    const returned = await pay(c, async () => {
      await next()
      handlerStatus = c.res.status
    })
    if (returned) c.res = returned
    // A status the handler chose itself passes through; x402's own 402 and 502 get a problem body.
    const { status } = c.res
    if (status === handlerStatus || !isJson(c.res)) return
    if (status === 402) replaceBody(c, 402, paymentFailureOf(c.res.headers))
    else if (status === 502) replaceBody(c, 502, { code: paymentReasons.facilitatorUnavailable })
  }
}

/** Hides the payment headers and shows HEAD as GET, so x402 answers as it would to an unpaid GET. */
class UnpaidHonoAdapter extends HonoAdapter {
  override getHeader(name: string): string | undefined {
    return /^(payment-signature|x-payment)$/i.test(name) ? undefined : super.getHeader(name)
  }

  override getMethod(): string {
    return asGet(super.getMethod())
  }
}

function asGet(method: string): string {
  return method === 'HEAD' ? 'GET' : method
}

/** The JSON a PAYMENT-SIGNATURE header carries, or undefined when it is not base64 JSON. */
function decodedHeader(header: string): unknown {
  try {
    return decodePaymentSignature(header)
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * 402 `code` with the route's PAYMENT-REQUIRED (its `error` set to `code`), what an unpaid GET gets, so the client
 * can pay properly; undefined when the request needs no payment after all (a protected-request hook let it through).
 */
async function unpaid(
  c: Context,
  httpServer: x402HTTPResourceServer,
  code: string,
): Promise<Response | undefined> {
  const context: HTTPRequestContext = {
    adapter: new UnpaidHonoAdapter(c),
    path: c.req.path,
    method: asGet(c.req.method),
  }
  const result = await httpServer.processHTTPRequest(context)
  if (result.type === 'no-payment-required') return undefined
  const headers = new Headers({ 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
  const required = result.type === 'payment-error' ? result.response.headers['PAYMENT-REQUIRED'] : undefined
  if (required) headers.set('PAYMENT-REQUIRED', withError(required, code))
  return new Response(paymentProblemBody(code, 402), { status: 402, headers })
}

function problem(c: Context, status: 402 | 502, code: string, detail?: string): Response {
  return c.body(paymentProblemBody(code, status, detail), status, {
    'content-type': 'application/problem+json',
  })
}

/** Swaps x402's empty JSON body for a problem, keeping its status and headers (PAYMENT-REQUIRED/-RESPONSE). */
function replaceBody(c: Context, status: number, { code, detail }: { code: string; detail?: string }): void {
  const headers = new Headers(c.res.headers)
  headers.set('content-type', 'application/problem+json')
  headers.delete('content-length')
  // x402 puts prose in PAYMENT-REQUIRED's `error` for some refusals; clients get the same code as the body.
  const required = headers.get('payment-required')
  if (required) headers.set('payment-required', withError(required, code))
  // Assigning over an existing response merges the old headers back in; start from none.
  c.res = undefined as unknown as Response
  c.res = new Response(paymentProblemBody(code, status, detail), { status, headers })
}

/** A PAYMENT-REQUIRED header whose `error` is `code`. */
function withError(header: string, code: string): string {
  return encodePaymentRequiredHeader({ ...decodePaymentRequiredHeader(header), error: code })
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('application/json')
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Runs `task` once; a failed run is forgotten so the next call tries again. */
function once(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return () => {
    running ??= task().catch((error) => {
      running = undefined
      throw error
    })
    return running
  }
}
