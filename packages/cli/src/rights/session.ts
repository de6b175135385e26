import { type Hex, ipAssetRegistryAbi, type RightsContracts, rightsAddresses } from '@rightflow/sdk'
import {
  type Address,
  type Chain,
  createPublicClient,
  defineChain,
  getAddress,
  http,
  type PublicClient,
} from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'

/** The chain and the License contracts a rights command talks to. */
export type RightsSession = {
  publicClient: PublicClient
  chain: Chain
  chainId: number
  rpcUrl: string
  /** The provenance registry. */
  registry: Hex
  contracts: RightsContracts
}

/**
 * Connects to the chain and finds the License contracts: their deterministic addresses for the provenance
 * registry (computed locally, like the registry's, so a buyer never takes them from a server), unless
 * RIGHTFLOW_PAYMENT_TOKEN, RIGHTFLOW_ASSET_REGISTRY or RIGHTFLOW_CONSENT_REGISTRY say otherwise.
 */
export async function openRights(ctx: CliContext): Promise<RightsSession> {
  const { chainId, registry, rpcUrl } = await ctx.chain()
  const chain = defineChain({
    id: chainId,
    name: `eip155:${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  // Anvil mines at once; a real chain takes seconds per block, which a one-second poll follows closely enough.
  const publicClient = createPublicClient({
    chain,
    transport: http(rpcUrl, { retryCount: 0, timeout: 30_000 }),
    pollingInterval: chainId === 31337 ? 100 : 1_000,
  }) as PublicClient
  const contracts = await resolveContracts(publicClient, registry, chainId)
  return { publicClient, chain, chainId, rpcUrl, registry, contracts }
}

async function resolveContracts(
  publicClient: PublicClient,
  registry: Hex,
  chainId: number,
): Promise<RightsContracts> {
  const env = (name: string) => {
    const value = process.env[name]
    if (!value) return undefined
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new CliError(`${name} is not an address: ${value}`)
    return getAddress(value)
  }
  const paymentToken = env('RIGHTFLOW_PAYMENT_TOKEN')
  const defaults = rightsAddresses({ provenance: registry, paymentToken })
  const assetOverride = env('RIGHTFLOW_ASSET_REGISTRY')
  const assetRegistry = assetOverride ?? defaults.assetRegistry
  const consentRegistry = env('RIGHTFLOW_CONSENT_REGISTRY') ?? defaults.consentRegistry
  const code = await publicClient.getCode({ address: assetRegistry })
  if (!code || code === '0x')
    throw new CliError(
      `the License contracts are not deployed on chain ${chainId} (no asset registry at ${assetRegistry}): ` +
        '`npm start` deploys them on its chain, or set RIGHTFLOW_ASSET_REGISTRY',
      1,
      'rights_not_deployed',
    )
  if (!assetOverride) return { ...defaults, consentRegistry }
  // A registry deployed elsewhere knows its own license token and payment token; ask it rather than guess.
  const read = (functionName: 'licenseToken' | 'paymentToken'): Promise<Address> =>
    publicClient.readContract({ address: assetRegistry, abi: ipAssetRegistryAbi, functionName })
  const [licenseToken, registryToken] = await Promise.all([read('licenseToken'), read('paymentToken')])
  return { assetRegistry, consentRegistry, licenseToken, paymentToken: paymentToken ?? registryToken }
}
