import { redactUrl } from '@rightflow/sdk'
import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import type { Indexer } from '../../indexer/Indexer.js'
import type { ProvenanceStore } from '../../store/types.js'

/** Liveness plus what a client needs to check our answers against the chain itself. */
export function healthRoutes(store: ProvenanceStore, chain: ChainContext, indexer: Indexer) {
  const app = new Hono()
  app.get('/health', async (c) => {
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 }).then(Number, () => undefined)
    const counts = await store.counts()
    const ok = head !== undefined && indexer.lastError === undefined
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        chain: {
          chainId: chain.chainId,
          caip2: `eip155:${chain.chainId}`,
          // Anyone may ask: the URL without the credentials a provider puts in it.
          rpcUrl: redactUrl(chain.rpcUrl),
          registry: chain.registry,
          rights: chain.rights ?? null,
          payments: chain.payments ?? null,
          reachable: head !== undefined,
          head: head ?? null,
        },
        indexer: { block: (await store.getCursor())?.blockNumber ?? null, error: indexer.lastError ?? null },
        records: counts,
      },
      ok ? 200 : 503,
    )
  })
  return app
}
