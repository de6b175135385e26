import { type Abi, ContractFunctionRevertedError, BaseError as ViemBaseError } from 'viem'
import type { BaseError } from '../errors/BaseError.js'
import { ChainUnavailableError, RegistryRevertError } from '../errors/chainErrors.js'
import { consentRegistryAbi } from '../generated/consentRegistry.js'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { licenseTokenAbi } from '../generated/licenseToken.js'
import { revenueVaultAbi } from '../generated/revenueVault.js'
import { testStablecoinAbi } from '../generated/testStablecoin.js'

/**
 * Every custom error a rights call can revert with, whichever contract raised it: a vault's error bubbles up
 * through the asset registry, and the payment token's (ERC20InsufficientAllowance, say) through both. Add it
 * to the ABI of any rights call so viem decodes the revert by name.
 */
export const rightsErrorsAbi = dedupe(
  [consentRegistryAbi, ipAssetRegistryAbi, licenseTokenAbi, revenueVaultAbi, testStablecoinAbi].flatMap(
    (abi) => (abi as Abi).filter((item) => item.type === 'error'),
  ),
)

function dedupe(items: Abi): Abi {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = JSON.stringify(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Turns a viem error from a rights call into a RegistryRevertError (code = the contract error in snake case,
 * e.g. `price_above_maximum`) or a ChainUnavailableError.
 */
export function toRightsError(error: unknown, rpcUrl?: string): BaseError {
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError)
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName)
      return new RegistryRevertError(revert.data.errorName, revert.data.args ?? [], error)
  }
  if (error instanceof Error && 'code' in error && 'shortMessage' in error) return error as BaseError
  return new ChainUnavailableError(rpcUrl, error)
}
