import {
  aiUses,
  BaseError,
  formatUsd,
  NothingToClaimError,
  RegistryRevertError,
  tokenIdToAssetId,
} from '@rightflow/sdk'
import { InsufficientFundsError } from 'viem'
import { CliError } from '../cliError.js'
import { paymentReverts } from '../payments/paymentReverts.js'
import { formatTime, percentOfBps } from './format.js'

const asset = (id: unknown) => tokenIdToAssetId(BigInt(id as bigint))
const usd = (units: unknown) => formatUsd(BigInt(units as bigint))
const use = (index: unknown) => aiUses[Number(index)] ?? `use #${index}`

/** What a person should read for each revert of the License contracts (arguments as the contract gives them). */
const reverts: Record<string, (args: readonly unknown[]) => string> = {
  PriceAboveMaximum: ([price, max]) => `the price ${usd(price)} is above your maximum ${usd(max)}`,
  RevenueShareAboveMaximum: ([bps, max]) =>
    `the terms take ${percentOfBps(Number(bps))} of derivatives' revenue, above your maximum ${percentOfBps(Number(max))}`,
  TermsRetired: ([id]) => `these terms were retired (terms ${id}): they are no longer sold`,
  TermsExpired: ([id, at]) => `these terms expired (terms ${id}, at ${formatTime(Number(at))})`,
  UseNotAllowed: ([id, u]) => `that use is not allowed by the terms (${use(u)} under terms ${id})`,
  UnknownTerms: ([id]) => `there are no terms with id ${id}`,
  UnknownAsset: ([id]) => `${asset(id)} is not an IP asset: \`rightflow asset create\` makes it one`,
  AssetExists: ([id]) => `record ${asset(id)} is already an IP asset`,
  RecordNotOnChain: ([id]) =>
    `record ${id} is not on chain yet: wait for its batch to be anchored, or register with --direct`,
  NotRecordCreator: ([caller, creator]) =>
    `only the record's creator ${creator} can make it an asset, not ${caller}`,
  NotAssetOwner: ([id, caller]) => `only the owner of asset ${asset(id)} can do this, not ${caller}`,
  InvalidTerms: ([reason]) => `the contract refused the terms: ${reason}`,
  LicenseNotHeld: ([id, caller]) => `${caller} holds no valid license ${id}`,
  DerivativesNotAllowed: ([id]) => `the terms of license ${id} do not allow derivatives`,
  DuplicateParent: ([id]) => `two licenses name the same parent ${asset(id)}`,
  TooManyParents: ([count, max]) => `${count} parents, more than the ${max} allowed`,
  NoParents: () => 'a derivative needs at least one --parent-license',
  RevenueShareTooHigh: ([bps]) =>
    `the parents' revenue shares add up to ${percentOfBps(Number(bps))}, more than 100%`,
  ZeroAmount: () => 'the amount must be more than zero',
  ZeroRecipient: () => 'the recipient cannot be the zero address',
  NothingToClaim: ([account]) => `nothing to claim: ${account} has no royalties here`,
  SharesToVault: () =>
    "shares sent to the vault itself could never be claimed: send them to a holder's address",
  NotADataset: ([id]) => `asset ${asset(id)} is not a dataset: consent is granted on datasets`,
  NotDataOwner: ([id, account]) => `${account} does not own dataset ${asset(id)}`,
  InvalidWindow: ([from, until]) =>
    `the consent window ${formatTime(Number(from))} to ${formatTime(Number(until))} is empty or already over`,
  ZeroGrantee: () => 'the grantee cannot be the zero address',
  ConsentExists: ([id]) => `this consent was granted before (${id})`,
  UnknownConsent: ([id]) => `there is no consent ${id}`,
  ConsentAlreadyRevoked: ([id]) => `consent ${id} was already revoked`,
  InvalidUse: ([u]) => `use #${u} is not an AI use the contracts know`,
  InvalidKind: ([kind]) => `kind #${kind} is not an asset kind the contracts know`,
  // The consent registry's takes an asset id, the agent wallets' an agent address.
  InvalidSignature: ([id]) =>
    typeof id === 'string'
      ? `the payment or wallet consent is not signed by the agent ${id}`
      : `the consent is not signed by the owner of dataset ${asset(id)}`,
  ERC20InvalidReceiver: () => 'the recipient cannot be the zero address',
  ERC20InsufficientBalance: ([who, balance, needed]) =>
    `${who} has ${usd(balance)} USD and needs ${usd(needed)} USD: on a development chain, \`rightflow faucet\` gives test dollars`,
  MintTooLarge: ([, max]) => `one mint gives at most ${usd(max)}`,
}

/**
 * A readable one-line CliError for failures of the License and Settle layers (a contract revert by name, a claim with
 * nothing in it, an account without gas); undefined for anything else.
 */
export function explainError(error: unknown): CliError | undefined {
  if (error instanceof RegistryRevertError) {
    const explain = reverts[error.errorName] ?? paymentReverts[error.errorName]
    return explain ? new CliError(explain(error.args), 1, error.code) : undefined
  }
  if (error instanceof NothingToClaimError)
    return new CliError(`nothing to claim: ${error.account} has no royalties from this asset`, 1, error.code)
  // The SDK files a transaction the node refused for lack of gas money under "chain unavailable"; say what it is.
  if (error instanceof BaseError) {
    const broke = error.walk(
      (e) =>
        e instanceof InsufficientFundsError || (e instanceof Error && /insufficient funds/i.test(e.message)),
    )
    if (broke)
      return new CliError(
        'your account has no ETH to pay for gas: on a development chain, `rightflow faucet` gives some',
        1,
        'insufficient_gas_funds',
      )
  }
  return undefined
}
