import { homedir } from 'node:os'
import { join } from 'node:path'
import { type ApiClient, ChainUnavailableError, type Hex, registryAddress } from '@rightflow/sdk'
import { createPublicClient, http, type PublicClient } from 'viem'

export type GlobalOptions = {
  json?: boolean
  server?: string
  rpc?: string
  registry?: string
  home?: string
}

/** Where the CLI keeps its keys and which server and chain it talks to. */
export type CliContext = {
  json: boolean
  home: string
  keysDir: string
  api: ApiClient
  /** Read from the chain directly (not through our server) when verifying. */
  chain(): Promise<{ publicClient: PublicClient; chainId: number; registry: Hex; rpcUrl: string }>
}

export function createContext(options: GlobalOptions): CliContext {
  const home = options.home ?? process.env.RIGHTFLOW_HOME ?? join(homedir(), '.rightflow')
  const api = { url: options.server ?? process.env.RIGHTFLOW_SERVER ?? 'http://127.0.0.1:8645' }
  let chain: Awaited<ReturnType<CliContext['chain']>> | undefined
  return {
    json: options.json ?? false,
    home,
    keysDir: join(home, 'keys'),
    api,
    async chain() {
      if (chain) return chain
      // The RPC URL defaults to the embedded chain; the registry defaults to its deterministic address,
      // computed locally, so a verifier never takes either from the server it is checking.
      const rpcUrl = options.rpc ?? process.env.RIGHTFLOW_RPC_URL ?? 'http://127.0.0.1:8545'
      const registry = (options.registry ?? process.env.RIGHTFLOW_REGISTRY ?? registryAddress()) as Hex
      const publicClient = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }) })
      const chainId = await publicClient.getChainId().catch((error: unknown) => {
        throw new ChainUnavailableError(rpcUrl, error)
      })
      chain = { publicClient, chainId, registry, rpcUrl }
      return chain
    },
  }
}
