import type { RouteConfig } from '@x402/core/http'
import { x402HTTPResourceServer } from '@x402/core/server'
import { RecentMap } from '../RecentMap.js'

/** Paths whose route is remembered. */
const rememberedPaths = 1_000

/** The route of a request, or undefined when it is not a paid route. */
export type RouteMatcher = (method: string, path: string) => RouteConfig | undefined

/**
 * The route x402 would pick for a request, remembered per method and path: x402 normalises the path and tries
 * every pattern's regex on each request. x402 keeps its matcher private, so each pattern gets a one-route
 * x402HTTPResourceServer (same parsing, same normalisation) and patterns are tried in x402's order.
 *
 * @example
 * const routeOf = routeMatcher(httpServer)
 * if (!routeOf(c.req.method, c.req.path)) return next()
 */
export function routeMatcher(httpServer: x402HTTPResourceServer): RouteMatcher {
  const single = Object.entries(httpServer.routes as Record<string, RouteConfig>).map(
    ([pattern, config]) => ({
      config,
      matcher: new x402HTTPResourceServer(httpServer.server, { [pattern]: config }),
    }),
  )
  const paths = new RecentMap<string, RouteConfig | undefined>(rememberedPaths)
  return (method, path) => {
    const key = `${method} ${path}`
    if (paths.has(key)) return paths.get(key)
    const context = { adapter: undefined as never, path, method }
    return paths.set(key, single.find(({ matcher }) => matcher.requiresPayment(context))?.config)
  }
}
