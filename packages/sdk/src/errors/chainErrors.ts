import { ContractFunctionRevertedError, BaseError as ViemBaseError } from 'viem'
import { redactUrl, redactUrlsInText } from '../url/redactUrl.js'
import { BaseError } from './BaseError.js'

/** The chain could not be reached or refused the request for a reason other than a revert. */
export class ChainUnavailableError extends BaseError {
  override name = 'ChainUnavailableError'
  constructor(rpcUrl: string | undefined, cause?: unknown) {
    // Shown to people (CLI, problem+json, logs): the URL and the cause's text without credentials.
    super(`The chain at ${rpcUrl ? redactUrl(rpcUrl) : 'the configured RPC URL'} is not reachable.`, {
      code: 'chain_unavailable',
      cause,
      details: cause instanceof Error ? redactUrlsInText(cause.message.split('\n')[0]!) : undefined,
    })
  }
}

/** A registry call reverted with one of the custom errors declared in IProvenanceRegistry. */
export class RegistryRevertError extends BaseError {
  override name = 'RegistryRevertError'
  readonly errorName: string
  readonly args: readonly unknown[]
  constructor(errorName: string, args: readonly unknown[], cause?: unknown) {
    super(`The registry refused the call: ${errorName}(${args.map(String).join(', ')}).`, {
      code: snakeCase(errorName),
      cause,
    })
    this.errorName = errorName
    this.args = args
  }
}

/** Turns a viem error from a registry call into a RegistryRevertError or ChainUnavailableError. */
export function toRegistryError(error: unknown, rpcUrl?: string): BaseError {
  if (error instanceof BaseError) return error
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError)
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName)
      return new RegistryRevertError(revert.data.errorName, revert.data.args ?? [], error)
  }
  return new ChainUnavailableError(rpcUrl, error)
}

// NotADataset → not_a_dataset, ECDSAInvalidSignature → ecdsa_invalid_signature, ERC20InsufficientAllowance →
// erc20_insufficient_allowance: a capital that starts a word after an acronym splits too.
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
}
