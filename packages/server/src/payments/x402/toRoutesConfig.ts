import type { ChannelRoyalty } from '@rightflow/sdk'
import type { HTTPRequestContext, PaymentOption, RouteConfig } from '@x402/core/http'
import type { Network, Price } from '@x402/core/types'

/**
 * The share of a route's payments owed to an IP asset's holders: fixed, none (null), or decided per request
 * (the asset that covers the bytes served, say).
 */
export type RouteRoyalty =
  | ChannelRoyalty
  | null
  | ((context: HTTPRequestContext) => ChannelRoyalty | null | Promise<ChannelRoyalty | null>)

/** How one route is paid for. */
export type PaidRoute = {
  /**
   * Token units as `{ amount, asset, extra: { name, version } }` (name and version are the token's EIP-712
   * domain, which the payer signs over), or money such as `'$0.01'` where the scheme knows the network's asset.
   */
  price: Price
  /** Who is paid. */
  payTo: string
  /** CAIP-2 network; the one given to paidRoutes when absent. */
  network?: Network | undefined
  /** `exact` when absent. */
  scheme?: string | undefined
  /**
   * The schemes accepted at this price, in the order offered (e.g. `['channel', 'exact']`); `[scheme]` when
   * absent. Each needs a registered scheme (paidRoutes' `schemes`).
   */
  schemes?: string[] | undefined
  /**
   * An IP asset's share of each payment, as `extra.royalty` of every way to pay: a `channel` must carry the same
   * royalty (the chain credits the asset's vault at claim); for `exact` the payee owes it. A per-request royalty
   * needs a price in token units (`{ amount, asset }`).
   */
  royalty?: RouteRoyalty | undefined
  /** How long a signed payment stays valid (the authorization's validBefore); x402's default when absent. */
  maxTimeoutSeconds?: number | undefined
  description?: string | undefined
  mimeType?: string | undefined
  /** Further ways to pay, offered after the first (another scheme, network or asset). */
  alsoAccepts?: PaymentOption[] | undefined
}

/** Routes keyed `'METHOD /path'` (`*`, `:param` and `[param]` match a segment, a trailing `/*` the rest). */
export type PaidRoutes = Record<string, PaidRoute>

/**
 * Our route table as x402's RoutesConfig.
 *
 * @example
 * toRoutesConfig({ 'GET /v1/paid/report': { price, payTo } }, 'eip155:31337')
 */
export function toRoutesConfig(routes: PaidRoutes, network?: Network): Record<string, RouteConfig> {
  return Object.fromEntries(
    Object.entries(routes).map(([pattern, route]) => {
      const routeNetwork = route.network ?? network
      if (!routeNetwork) throw new Error(`Route ${pattern} has no network and paidRoutes was given none.`)
      const price = priceWithRoyalty(pattern, route.price, route.royalty)
      const offered: PaymentOption[] = (route.schemes ?? [route.scheme ?? 'exact']).map((scheme) => ({
        scheme,
        network: routeNetwork,
        price,
        payTo: route.payTo,
        ...(route.maxTimeoutSeconds !== undefined ? { maxTimeoutSeconds: route.maxTimeoutSeconds } : {}),
      }))
      const config: RouteConfig = {
        accepts: [...offered, ...(route.alsoAccepts ?? [])],
        ...(route.description !== undefined ? { description: route.description } : {}),
        ...(route.mimeType !== undefined ? { mimeType: route.mimeType } : {}),
      }
      return [pattern, config]
    }),
  )
}

/** The price with the royalty in its `extra` (which x402 merges into the requirements' `extra`). */
function priceWithRoyalty(
  pattern: string,
  price: Price,
  royalty: RouteRoyalty | undefined,
): PaymentOption['price'] {
  if (royalty === undefined) return price
  if (typeof price !== 'object' || !('amount' in price))
    throw new Error(`Route ${pattern}: a royalty needs a price in token units ({ amount, asset }).`)
  const withRoyalty = (value: ChannelRoyalty | null) => ({
    ...price,
    extra: { ...price.extra, royalty: value },
  })
  if (typeof royalty !== 'function') return withRoyalty(royalty)
  return async (context: HTTPRequestContext) => withRoyalty(await royalty(context))
}
