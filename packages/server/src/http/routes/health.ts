import { redactUrl } from '@rightflow/sdk'
import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import type { Indexer } from '../../indexer/Indexer.js'
import type { ProvenanceStore } from '../../store/types.js'

export type HealthOptions = {
  /** Below this balance (wei) the relayer is reported low: anchoring and settlements will soon stop. */
  relayerMinBalance?: bigint | undefined
}

/**
 * Liveness plus what a client needs to check our answers against the chain itself. `degraded` names what is
 * wrong: `chain_unreachable` and `indexer_error` answer 503 (the server cannot vouch for the chain);
 * `relayer_balance_low` is a warning for the operator (200: reads and verification still work).
 */
export function healthRoutes(
  store: ProvenanceStore,
  chain: ChainContext,
  indexer: Indexer,
  { relayerMinBalance = 0n }: HealthOptions = {},
) {
  const app = new Hono()
  app.get('/health', async (c) => {
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 }).then(Number, () => undefined)
    const counts = await store.counts()
    const relayer = chain.walletClient.account?.address
    const balance =
      relayer === undefined || head === undefined
        ? undefined
        : await chain.publicClient.getBalance({ address: relayer }).catch(() => undefined)
    const degraded = [
      ...(head === undefined ? ['chain_unreachable'] : []),
      ...(indexer.lastError !== undefined ? ['indexer_error'] : []),
      ...(balance !== undefined && balance < relayerMinBalance ? ['relayer_balance_low'] : []),
    ]
    const serving = head !== undefined && indexer.lastError === undefined
    return c.json(
      {
        status: degraded.length === 0 ? 'ok' : 'degraded',
        degraded,
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
        relayer: {
          address: relayer ?? null,
          balance: balance?.toString() ?? null,
          minBalance: relayerMinBalance.toString(),
        },
        records: counts,
      },
      serving ? 200 : 503,
    )
  })
  return app
}
