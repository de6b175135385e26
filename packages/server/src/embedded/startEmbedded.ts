import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deployPayments, deployRegistry, deployRights } from '@rightflow/sdk'
import type { Hex } from 'viem'
import { paymentsConfigOf, type RightflowConfig } from '../config.js'
import { consoleLogger, type Logger } from '../logger.js'
import { ensureMulticall3 } from '../payments/facilitator/ensureMulticall3.js'
import { connectChain, type RunningServer, startServer } from '../server.js'
import { type Anvil, startAnvil } from './startAnvil.js'

/** anvil's first dev account: public knowledge, fine for a local chain and nowhere else. */
const anvilDevKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export type Embedded = { server: RunningServer; anvil: Anvil | undefined; stop(): Promise<void> }

/**
 * `npm start`: the embedded default (anvil with persisted state, registry deployed once at its deterministic
 * address, SQLite) or, with an RPC URL configured, the same server against any EVM chain.
 */
export async function startEmbedded(config: RightflowConfig, log: Logger = consoleLogger): Promise<Embedded> {
  mkdirSync(config.dataDir, { recursive: true })
  let anvil: Anvil | undefined
  let rpcUrl = config.rpcUrl
  const relayerKey = (config.relayerKey ?? anvilDevKey) as Hex
  if (!rpcUrl) {
    anvil = await startAnvil({ port: config.anvilPort, statePath: join(config.dataDir, 'chain-state.json') })
    rpcUrl = anvil.rpcUrl
  }
  try {
    const chain = await connectChain(rpcUrl, relayerKey, config.registry as Hex | undefined)
    if (anvil) {
      const { deployed } = await deployRegistry({
        publicClient: chain.publicClient,
        walletClient: chain.walletClient,
      })
      if (deployed) log.info(`deployed the provenance registry at ${chain.registry}`)
      // Idempotent: the License contracts (and the test stablecoin) are deployed once, at deterministic addresses.
      const rights = await deployRights({
        publicClient: chain.publicClient,
        walletClient: chain.walletClient,
        provenance: chain.registry,
        paymentToken: config.paymentToken as Hex | undefined,
      })
      await deployPayments({ publicClient: chain.publicClient, walletClient: chain.walletClient, ...rights })
      // Public chains have Multicall3; with it the x402 facilitator reports why a payment failed.
      await ensureMulticall3({ rpcUrl })
    }
    const server = await startServer({
      rpcUrl,
      relayerKey,
      registry: chain.registry,
      rights: {
        paymentToken: config.paymentToken as Hex | undefined,
        assetRegistry: config.assetRegistry as Hex | undefined,
        consentRegistry: config.consentRegistry as Hex | undefined,
      },
      databasePath: config.databasePath ?? join(config.dataDir, 'rightflow.db'),
      contentDir: join(config.dataDir, 'content'),
      port: config.port,
      batch: { maxCount: config.batchMaxCount, maxAgeMs: config.batchMaxAgeMs },
      indexer: { startBlock: config.startBlock },
      trustAnchorsPem: config.trustAnchors ? readFileSync(config.trustAnchors, 'utf8') : undefined,
      payments: paymentsConfigOf(config),
      uploadBudgetBytes: config.uploadBudgetMiB * 1024 * 1024,
      log,
    })
    return {
      server,
      anvil,
      async stop() {
        await server.close()
        await anvil?.stop()
      },
    }
  } catch (error) {
    await anvil?.stop()
    throw error
  }
}
