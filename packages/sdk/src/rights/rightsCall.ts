import {
  type Abi,
  type Account,
  type Address,
  type ContractEventName,
  type Hex,
  isAddressEqual,
  type ParseEventLogsReturnType,
  type PublicClient,
  parseEventLogs,
  type TransactionReceipt,
  type WalletClient,
  type WriteContractParameters,
} from 'viem'
import { consentRegistryAbi } from '../generated/consentRegistry.js'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { revenueVaultAbi } from '../generated/revenueVault.js'
import { testStablecoinAbi } from '../generated/testStablecoin.js'
import { AccountRequiredError, rightsErrorsAbi, TransactionRevertedError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

// Each contract's ABI with every rights error appended, so a revert raised deeper in the call (a vault's, the
// payment token's) decodes by name.
export const registryAbi = [...ipAssetRegistryAbi, ...rightsErrorsAbi] as const
export const vaultAbi = [...revenueVaultAbi, ...rightsErrorsAbi] as const
export const consentAbi = [...consentRegistryAbi, ...rightsErrorsAbi] as const
export const tokenAbi = [...testStablecoinAbi, ...rightsErrorsAbi] as const

/** The account a wallet client sends from. */
export function requireAccount(walletClient: WalletClient): Account {
  if (!walletClient.account) throw new AccountRequiredError()
  return walletClient.account
}

/** Sends a simulated request and waits for it to be mined; a mined revert is an error, not a receipt. */
export async function sendAndWait(
  publicClient: PublicClient,
  walletClient: WalletClient,
  request: WriteContractParameters,
): Promise<{ txHash: Hex; receipt: TransactionReceipt }> {
  const txHash = await walletClient.writeContract(request)
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
  if (receipt.status !== 'success') throw new TransactionRevertedError(txHash)
  return { txHash, receipt }
}

/** The `eventName` events that `address` emitted in a receipt. */
export function eventsOf<const abi extends Abi, eventName extends ContractEventName<abi>>(
  receipt: TransactionReceipt,
  address: Address,
  abi: abi,
  eventName: eventName,
): ParseEventLogsReturnType<abi, eventName, true> {
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, address))
  return parseEventLogs({ abi, logs, eventName })
}

/** The timestamp of the latest block: what the contracts compare expiries with, not the local clock. */
export async function chainTime(publicClient: PublicClient): Promise<number> {
  const block = await publicClient.getBlock({ blockTag: 'latest' })
  return Number(block.timestamp)
}

/** The revenue vault of an asset (reverts UnknownAsset). */
export async function vaultOf(
  publicClient: PublicClient,
  contracts: RightsContracts,
  assetId: Hex,
): Promise<Address> {
  const asset = await publicClient.readContract({
    address: contracts.assetRegistry,
    abi: registryAbi,
    functionName: 'assetOf',
    args: [BigInt(assetId)],
  })
  return asset.vault
}
