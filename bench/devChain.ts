import { deployRegistry, type Hex } from '@rightflow/sdk'
import { type ChainContext, connectChain, startAnvil } from '@rightflow/server'

/** anvil's first dev account: funded on every fresh anvil; the relayer that pays for every bench transaction. */
export const relayerKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export type BenchChain = ChainContext & { stop(): Promise<void> }

export type BenchChainOptions = {
  /** Raise anvil's block gas limit (default 30M) for transactions a real chain could not take in one block. */
  blockGasLimit?: bigint
}

/** A fresh anvil with the registry at its deterministic address, wired the way `npm start` wires it. */
export async function startBenchChain({ blockGasLimit }: BenchChainOptions = {}): Promise<BenchChain> {
  const anvil = await startAnvil()
  try {
    const chain = await connectChain(anvil.rpcUrl, relayerKey)
    if (blockGasLimit)
      await chain.publicClient.request({
        method: 'evm_setBlockGasLimit' as 'eth_chainId',
        params: [`0x${blockGasLimit.toString(16)}`] as never,
      })
    await deployRegistry({ publicClient: chain.publicClient, walletClient: chain.walletClient })
    return { ...chain, stop: () => anvil.stop() }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}

/** anvil's version and the hardfork it runs, for the report. */
export async function describeChain(chain: ChainContext): Promise<{ client: string; hardfork: string }> {
  const client = await chain.publicClient.request({ method: 'web3_clientVersion' })
  const info = (await chain.publicClient
    .request({ method: 'anvil_nodeInfo' as 'eth_chainId' })
    .catch(() => undefined)) as { hardFork?: string } | undefined
  return { client: String(client), hardfork: info?.hardFork ?? 'unknown' }
}
