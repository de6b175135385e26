import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deployPayments, deployRegistry, deployRights } from '@rightflow/sdk'
import type { Hex } from 'viem'
import { paymentsConfigOf, type RightflowConfig, relayConfigOf } from '../config.js'
import { consoleLogger, type Logger } from '../logger.js'
import { ensureMulticall3 } from '../payments/facilitator/ensureMulticall3.js'
import { connectChain, type RunningServer, startServer } from '../server.js'
import { stopChainLeftRunning, writeChainPidFile } from './ownChainProcess.js'
import { type Anvil, startAnvil } from './startAnvil.js'

/** anvil's first dev account: public knowledge, fine for a local chain and nowhere else. */
const anvilDevKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export type Embedded = {
  server: RunningServer
  anvil: Anvil | undefined
  /** Stops the server (it waits for open requests and a batcher pass), then the chain, keeping its state. */
  stop(): Promise<void>
  /** Ends the embedded chain now, without waiting for the server (a second Ctrl-C while `stop` hangs). */
  stopChainNow(): Promise<void>
}

/**
 * `npm start`: the embedded default (anvil with persisted state, registry deployed once at its deterministic
 * address, SQLite) or, with an RPC URL configured, the same server against any EVM chain.
 */
export async function startEmbedded(config: RightflowConfig, log: Logger = consoleLogger): Promise<Embedded> {
  mkdirSync(config.dataDir, { recursive: true })
  let anvil: Anvil | undefined
  let rpcUrl = config.rpcUrl
  const relayerKey = (config.relayerKey ?? anvilDevKey) as Hex
  const pidPath = join(config.dataDir, 'anvil.pid')
  const statePath = resolve(config.dataDir, 'chain-state.json')
  if (!rpcUrl) {
    await stopChainLeftRunning(pidPath, log, statePath)
    anvil = await startAnvil({
      port: config.anvilPort,
      statePath,
      dieWithParent: true,
      blockTimeSeconds: config.blockTime,
    })
    writeChainPidFile(pidPath, anvil, statePath)
    rpcUrl = anvil.rpcUrl
  }
  const stopAnvil = async () => {
    if (!anvil) return
    await anvil.stop()
    // If the watchdog died before us, the chain outlived it: end it too, then forget the pid file.
    await stopChainLeftRunning(pidPath, log, statePath)
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
      batch: {
        maxCount: config.batchMaxCount,
        maxAgeMs: config.batchMaxAgeMs,
        resendAfterMs: config.anchorResendMs,
      },
      indexer: { startBlock: config.startBlock },
      trustAnchorsPem: config.trustAnchors ? readFileSync(config.trustAnchors, 'utf8') : undefined,
      payments: paymentsConfigOf(config),
      relay: relayConfigOf(config),
      uploadBudgetBytes: config.uploadBudgetMiB * 1024 * 1024,
      log,
    })
    return {
      server,
      anvil,
      async stop() {
        try {
          await server.close()
        } finally {
          await stopAnvil()
        }
      },
      async stopChainNow() {
        await anvil?.kill()
      },
    }
  } catch (error) {
    await stopAnvil()
    throw error
  }
}
