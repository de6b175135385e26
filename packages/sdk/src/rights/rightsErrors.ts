import {
  type Abi,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  BaseError as ViemBaseError,
} from 'viem'
import { BaseError } from '../errors/BaseError.js'
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
  if (error instanceof ViemBaseError && error.walk((e) => e instanceof InsufficientFundsError))
    return new InsufficientGasFundsError(error)
  return new ChainUnavailableError(rpcUrl, error)
}

/** The sending account cannot pay for gas: not a chain outage, so it must not read as one. */
export class InsufficientGasFundsError extends BaseError {
  override name = 'InsufficientGasFundsError'
  constructor(cause?: unknown) {
    super('The sending account has too little ETH to pay for gas.', { code: 'insufficient_gas_funds', cause })
  }
}

/** The wallet client has no account to send from or sign with. */
export class AccountRequiredError extends BaseError {
  override name = 'AccountRequiredError'
  constructor() {
    super('The wallet client has no account: create it with one (e.g. privateKeyToAccount).', {
      code: 'account_required',
    })
  }
}

/** The caller has nothing to claim from an asset's vault; raised before any transaction is sent. */
export class NothingToClaimError extends BaseError {
  override name = 'NothingToClaimError'
  readonly account: string
  readonly assetId: string
  constructor(account: string, assetId: string) {
    super(`${account} has no royalties to claim from asset ${assetId}.`, { code: 'nothing_to_claim' })
    this.account = account
    this.assetId = assetId
  }
}

/** A transaction that simulated cleanly reverted when mined (the chain changed in between). */
export class TransactionRevertedError extends BaseError {
  override name = 'TransactionRevertedError'
  readonly txHash: string
  constructor(txHash: string) {
    super(`Transaction ${txHash} reverted on chain after a successful simulation.`, {
      code: 'transaction_reverted',
      details: 'The chain changed between simulation and inclusion; read the state again and retry.',
    })
    this.txHash = txHash
  }
}
