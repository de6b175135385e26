import {
  type Address,
  getContractAddress,
  type Hex,
  keccak256,
  type PublicClient,
  toHex,
  type WalletClient,
} from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { provenanceRegistryBytecode } from '../generated/provenanceRegistry.js'

/** The CREATE2 deployer (Arachnid's) that anvil and most chains have at this address. */
export const create2Deployer: Address = '0x4e59b44847b379578588920ca78fbf26c0b4956c'
export const registrySalt: Hex = keccak256(toHex('rightflow.provenance-registry.v1'))

/** Where the registry lives on any chain it was deployed to through {@link deployRegistry}. */
export function registryAddress(): Address {
  return getContractAddress({
    opcode: 'CREATE2',
    from: create2Deployer,
    salt: registrySalt,
    bytecode: provenanceRegistryBytecode,
  })
}

export type DeployRegistryReturnType = { address: Address; deployed: boolean; txHash?: Hex }

/**
 * Deploys the registry at its deterministic address, or does nothing if it is already there.
 *
 * @example
 * const { address } = await deployRegistry({ publicClient, walletClient })
 */
export async function deployRegistry({
  publicClient,
  walletClient,
}: {
  publicClient: PublicClient
  walletClient: WalletClient
}): Promise<DeployRegistryReturnType> {
  const address = registryAddress()
  if (await publicClient.getCode({ address })) return { address, deployed: false }
  if (!(await publicClient.getCode({ address: create2Deployer })))
    throw new BaseError(`No CREATE2 deployer at ${create2Deployer} on this chain.`, {
      code: 'no_create2_deployer',
    })
  const txHash = await walletClient.sendTransaction({
    account: walletClient.account!,
    chain: walletClient.chain,
    to: create2Deployer,
    data: `${registrySalt}${provenanceRegistryBytecode.slice(2)}`,
  })
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
  if (receipt.status !== 'success' || !(await publicClient.getCode({ address })))
    throw new BaseError('Deploying the registry failed.', { code: 'deploy_failed' })
  return { address, deployed: true, txHash }
}
