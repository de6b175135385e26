import { channelScheme, encodePaymentResponse } from '@rightflow/sdk'
import type { HTTPRequestContext, PaymentOption, RouteConfig } from '@x402/core/http'
import type { x402HTTPResourceServer } from '@x402/core/server'
import type { Network, PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { networkMatchesPattern } from '@x402/core/utils'
import { HonoAdapter } from '@x402/hono'
import type { Context, Next } from 'hono'
import { ChannelScheme } from '../channel/ChannelScheme.js'
import { RecentMap } from '../RecentMap.js'
import type { PaymentSchemeRegistration } from './paymentSchemes.js'

/**
 * Serves a request carrying a `channel` payment that is accepted: charged, handled, PAYMENT-RESPONSE set. False
 * when it did not serve (no channel route here, terms that do not match, a refused voucher): nothing was charged
 * and the caller runs x402's full pipeline, which checks the payment again and answers the refusal.
 */
export type ChannelFastPath = (
  c: Context,
  next: Next,
  route: RouteConfig,
  payment: Record<string, unknown>,
) => Promise<boolean>

/** Requirements built per route and resolved price, remembered. */
const rememberedRequirements = 1_000

/**
 * The per-call path of the `channel` scheme without x402's general pipeline. A channel payment needs no
 * facilitator and settles nothing per call, but x402's middleware still rebuilds and clones every requirement,
 * encodes a PAYMENT-REQUIRED it does not send, runs the hooks and buffers the handler's body before answering:
 * about half a millisecond per call here, more than the voucher check itself (docs/benchmarks.md). This path
 * makes the same decisions with x402's own parts (the route paidRoutes matched with `routeMatcher`,
 * `buildPaymentRequirements`, `findMatchingRequirements`), remembering the requirements of each route and price,
 * and streams the body as the handler made it. It takes the happy path only; anything else goes to the full
 * pipeline. Undefined when no `channel` scheme is registered.
 */
export function channelFastPath(
  httpServer: x402HTTPResourceServer,
  schemes: readonly PaymentSchemeRegistration[],
): ChannelFastPath | undefined {
  const channelSchemes = schemes.flatMap(({ network, server }) =>
    server instanceof ChannelScheme ? [{ network, scheme: server }] : [],
  )
  if (channelSchemes.length === 0) return undefined
  const schemeFor = (network: string) =>
    channelSchemes.find((s) => networkMatchesPattern(s.network, network as Network))?.scheme
  const requirementsOf = remembering(rememberedRequirements, (option: ResolvedOption) =>
    httpServer.server.buildPaymentRequirements(option),
  )
  /** The route's `channel` requirements for this request, as x402 would build them. */
  const offeredBy = async (route: RouteConfig, context: HTTPRequestContext) => {
    const offered: PaymentRequirements[] = []
    for (const option of channelOptions(route)) {
      const resolved = await resolve(option, context)
      offered.push(...(await requirementsOf(JSON.stringify(resolved), resolved)))
    }
    return offered
  }

  return async (c, next, route, decoded) => {
    // Decoded but not yet checked: `accepted` is checked by deep equality with our own requirements below,
    // `payload` by the scheme; nothing else of it is used.
    const payment = decoded as Partial<PaymentPayload>
    const accepted = payment.accepted as Partial<PaymentRequirements> | undefined
    if (payment.x402Version !== 2 || typeof accepted !== 'object' || accepted === null) return false
    if (accepted.scheme !== channelScheme || typeof accepted.network !== 'string') return false
    const scheme = schemeFor(accepted.network)
    if (!scheme) return false
    const context: HTTPRequestContext = {
      adapter: new HonoAdapter(c),
      path: c.req.path,
      method: c.req.method,
    }
    let offered: PaymentRequirements[]
    try {
      offered = await offeredBy(route, context)
    } catch {
      // A price or royalty that cannot be decided now: x402's pipeline answers that as it always does.
      return false
    }
    const requirements = httpServer.server.findMatchingRequirements(offered, payment as PaymentPayload)
    if (!requirements) return false
    const outcome = await scheme.charge(payment.payload, requirements)
    if (!outcome.ok) return false
    try {
      await next()
    } catch (error) {
      await scheme.undo(outcome.receipt)
      throw error
    }
    // The handler's own failure is not paid for, as in x402's middleware.
    if (c.res.status >= 400) {
      await scheme.undo(outcome.receipt)
      return true
    }
    setHeaders(c, {
      'PAYMENT-RESPONSE': encodePaymentResponse(scheme.settlement(outcome.receipt, requirements.network)),
      'Cache-Control': privateCacheControl(c.res.headers.get('cache-control')),
    })
    return true
  }
}

type ResolvedOption = {
  scheme: string
  network: PaymentOption['network']
  payTo: string
  price: Exclude<PaymentOption['price'], (...args: never[]) => unknown>
  maxTimeoutSeconds?: number | undefined
  extra?: Record<string, unknown> | undefined
}

function channelOptions(route: RouteConfig): PaymentOption[] {
  const accepts = Array.isArray(route.accepts) ? route.accepts : [route.accepts]
  return accepts.filter((option) => option.scheme === channelScheme)
}

/** An option with its per-request payee and price decided, as x402 decides them. */
async function resolve(option: PaymentOption, context: HTTPRequestContext): Promise<ResolvedOption> {
  const payTo = typeof option.payTo === 'function' ? await option.payTo(context) : option.payTo
  const price = typeof option.price === 'function' ? await option.price(context) : option.price
  return {
    scheme: option.scheme,
    network: option.network,
    payTo,
    price,
    maxTimeoutSeconds: option.maxTimeoutSeconds,
    extra: option.extra,
  }
}

/** `build` by key, the last `size` results kept; a failed build is not kept. */
function remembering<I, O>(size: number, build: (input: I) => Promise<O>) {
  const results = new RecentMap<string, Promise<O>>(size)
  return (key: string, input: I): Promise<O> => {
    const known = results.get(key)
    if (known) return known
    const result = results.set(key, build(input))
    result.catch(() => {
      if (results.get(key) === result) results.delete(key)
    })
    return result
  }
}

/** Sets headers on the handler's response, copying it first when its headers are immutable (a fetched one). */
function setHeaders(c: Context, headers: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  } catch {
    const copy = new Response(c.res.body, c.res)
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value)
    // Assigning over an existing response merges the old headers back in; start from none.
    c.res = undefined as unknown as Response
    c.res = copy
  }
}

/** A paid answer names its payer in PAYMENT-RESPONSE: shared caches must not keep it. */
function privateCacheControl(value: string | null): string {
  if (!value) return 'private'
  const directives = value.split(',').map((d) => d.trim().toLowerCase())
  return directives.includes('private') ? value : `${value}, private`
}
