import { type Address, keccak256, type PublicClient, toHex, type WalletClient } from 'viem'
import { provenanceRegistryBytecode } from '../generated/provenanceRegistry.js'
import {
  type DeployDeterministicReturnType,
  deployDeterministic,
  deterministicAddress,
} from './deployDeterministic.js'

export { create2Deployer } from './deployDeterministic.js'
export const registrySalt = keccak256(toHex('rightflow.provenance-registry.v1'))

/** Where the registry lives on any chain it was deployed to through {@link deployRegistry}. */
export function registryAddress(): Address {
  return deterministicAddress(provenanceRegistryBytecode, registrySalt)
}

export type DeployRegistryReturnType = DeployDeterministicReturnType

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
  return deployDeterministic({
    publicClient,
    walletClient,
    initCode: provenanceRegistryBytecode,
    salt: registrySalt,
    name: 'registry',
  })
}
