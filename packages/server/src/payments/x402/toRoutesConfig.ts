import type { PaymentOption, RouteConfig } from '@x402/core/http'
import type { Network, Price } from '@x402/core/types'

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
      const first: PaymentOption = {
        scheme: route.scheme ?? 'exact',
        network: routeNetwork,
        price: route.price,
        payTo: route.payTo,
        ...(route.maxTimeoutSeconds !== undefined ? { maxTimeoutSeconds: route.maxTimeoutSeconds } : {}),
      }
      const config: RouteConfig = {
        accepts: [first, ...(route.alsoAccepts ?? [])],
        ...(route.description !== undefined ? { description: route.description } : {}),
        ...(route.mimeType !== undefined ? { mimeType: route.mimeType } : {}),
      }
      return [pattern, config]
    }),
  )
}
