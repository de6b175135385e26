import { type Address, getContractAddress, type Hex, type PublicClient, type WalletClient } from 'viem'
import { BaseError } from '../errors/BaseError.js'

/** The CREATE2 deployer (Arachnid's) that anvil and most chains have at this address. */
export const create2Deployer: Address = '0x4e59b44847b379578588920ca78fbf26c0b4956c'

/** Where `initCode` (creation bytecode with any constructor arguments appended) lands when deployed with `salt`. */
export function deterministicAddress(initCode: Hex, salt: Hex): Address {
  return getContractAddress({ opcode: 'CREATE2', from: create2Deployer, salt, bytecode: initCode })
}

export type DeployDeterministicParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  initCode: Hex
  salt: Hex
  /** Named in errors. */
  name: string
}

export type DeployDeterministicReturnType = { address: Address; deployed: boolean; txHash?: Hex }

/**
 * Deploys `initCode` through the CREATE2 deployer at its deterministic address, or does nothing if code is
 * already there, so deploying is idempotent and every machine derives the same addresses.
 *
 * @example
 * const { address } = await deployDeterministic({ publicClient, walletClient, initCode, salt, name: 'registry' })
 */
export async function deployDeterministic({
  publicClient,
  walletClient,
  initCode,
  salt,
  name,
}: DeployDeterministicParameters): Promise<DeployDeterministicReturnType> {
  const address = deterministicAddress(initCode, salt)
  if (await publicClient.getCode({ address })) return { address, deployed: false }
  if (!(await publicClient.getCode({ address: create2Deployer })))
    throw new BaseError(`No CREATE2 deployer at ${create2Deployer} on this chain.`, {
      code: 'no_create2_deployer',
    })
  const txHash = await walletClient.sendTransaction({
    account: walletClient.account!,
    chain: walletClient.chain,
    to: create2Deployer,
    data: `${salt}${initCode.slice(2)}`,
  })
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
  if (receipt.status !== 'success' || !(await publicClient.getCode({ address })))
    throw new BaseError(`Deploying the ${name} failed.`, { code: 'deploy_failed' })
  return { address, deployed: true, txHash }
}
