import {
  type Address,
  concatHex,
  encodeAbiParameters,
  getContractAddress,
  type Hex,
  keccak256,
  type PublicClient,
  toHex,
  type WalletClient,
} from 'viem'
import { deployDeterministic, deterministicAddress } from '../chain/deployDeterministic.js'
import { consentRegistryBytecode } from '../generated/consentRegistry.js'
import { ipAssetRegistryBytecode } from '../generated/ipAssetRegistry.js'
import { testStablecoinBytecode } from '../generated/testStablecoin.js'

export const testStablecoinSalt = keccak256(toHex('rightflow.test-stablecoin.v1'))
export const assetRegistrySalt = keccak256(toHex('rightflow.ip-asset-registry.v1'))
export const consentRegistrySalt = keccak256(toHex('rightflow.consent-registry.v1'))

/** The contracts of the License layer on one chain. */
export type RightsAddresses = {
  /** The stablecoin every price and royalty is counted in (USDC on a real chain). */
  paymentToken: Address
  assetRegistry: Address
  /** Created by the asset registry in its constructor. */
  licenseToken: Address
  consentRegistry: Address
}

/** Where the test stablecoin lives wherever {@link deployRights} deployed it. */
export function testStablecoinAddress(): Address {
  return deterministicAddress(testStablecoinBytecode, testStablecoinSalt)
}

function assetRegistryInitCode(provenance: Address, paymentToken: Address): Hex {
  const args = encodeAbiParameters([{ type: 'address' }, { type: 'address' }], [provenance, paymentToken])
  return concatHex([ipAssetRegistryBytecode, args])
}

function consentRegistryInitCode(assetRegistry: Address): Hex {
  return concatHex([consentRegistryBytecode, encodeAbiParameters([{ type: 'address' }], [assetRegistry])])
}

/**
 * The deterministic addresses of the License contracts for a provenance registry and a payment token (the
 * test stablecoin when none is given). They depend on nothing else, so every machine derives the same ones.
 *
 * @example
 * const { assetRegistry, consentRegistry } = rightsAddresses({ provenance: registryAddress() })
 */
export function rightsAddresses({
  provenance,
  paymentToken = testStablecoinAddress(),
}: {
  provenance: Address
  paymentToken?: Address | undefined
}): RightsAddresses {
  const assetRegistry = deterministicAddress(
    assetRegistryInitCode(provenance, paymentToken),
    assetRegistrySalt,
  )
  return {
    paymentToken,
    assetRegistry,
    // Contracts start at nonce 1 (EIP-161); the license token is the asset registry's first creation.
    licenseToken: getContractAddress({ opcode: 'CREATE', from: assetRegistry, nonce: 1n }),
    consentRegistry: deterministicAddress(consentRegistryInitCode(assetRegistry), consentRegistrySalt),
  }
}

export type DeployRightsParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  /** The provenance registry whose records become assets. */
  provenance: Address
  /** An existing stablecoin (USDC); when absent the test stablecoin is deployed and used. */
  paymentToken?: Address | undefined
}

/**
 * Deploys the License contracts at their deterministic addresses, skipping any already there (idempotent).
 *
 * @example
 * const rights = await deployRights({ publicClient, walletClient, provenance: registryAddress() })
 */
export async function deployRights({
  publicClient,
  walletClient,
  provenance,
  paymentToken,
}: DeployRightsParameters): Promise<RightsAddresses> {
  const addresses = rightsAddresses({ provenance, paymentToken })
  const deploy = (initCode: Hex, salt: Hex, name: string) =>
    deployDeterministic({ publicClient, walletClient, initCode, salt, name })
  if (!paymentToken) await deploy(testStablecoinBytecode, testStablecoinSalt, 'test stablecoin')
  await deploy(assetRegistryInitCode(provenance, addresses.paymentToken), assetRegistrySalt, 'asset registry')
  await deploy(consentRegistryInitCode(addresses.assetRegistry), consentRegistrySalt, 'consent registry')
  return addresses
}
