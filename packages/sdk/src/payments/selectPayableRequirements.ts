import type { Network, PaymentRequirements } from '@x402/core/types'
import { AssetNotAllowedError, NoPaymentOptionError, OverBudgetError } from './paymentErrors.js'

/** A token a payer may spend, on a network (CAIP-2; `eip155:*` for any EVM chain). */
export type AllowedAsset = { network: Network; asset: string }

export type SpendRules = {
  /** The network(s) the payer pays on (`eip155:*` for any EVM chain). */
  network: Network
  assets: readonly AllowedAsset[]
  /** Most one request may cost, in token units. */
  maxAmount: bigint
  /** The schemes the payer can sign. */
  schemes: readonly string[]
}

/**
 * The ways to pay a 402 offers that these rules allow, or the reason there are none: no scheme and network we
 * speak (with an amount in token units), no token we may spend, or every price over the limit. Pure: the same check the x402 client's spend
 * controls make, with a typed error for each way it fails.
 *
 * @example
 * selectPayableRequirements(paymentRequired.accepts, { network: 'eip155:8453', assets, maxAmount: 10_000n, schemes: ['exact'] })
 */
export function selectPayableRequirements(
  accepts: readonly PaymentRequirements[],
  { network, assets, maxAmount, schemes }: SpendRules,
): PaymentRequirements[] {
  const speakable = accepts.filter(
    (r) => schemes.includes(r.scheme) && matchesNetwork(network, r.network) && /^\d+$/.test(r.amount),
  )
  if (speakable.length === 0) throw new NoPaymentOptionError(accepts)
  const spendable = speakable.filter((r) =>
    assets.some(
      (a) => matchesNetwork(a.network, r.network) && a.asset.toLowerCase() === r.asset.toLowerCase(),
    ),
  )
  if (spendable.length === 0) throw new AssetNotAllowedError([...new Set(speakable.map((r) => r.asset))])
  const affordable = spendable.filter((r) => BigInt(r.amount) <= maxAmount)
  if (affordable.length === 0)
    throw new OverBudgetError(spendable.map((r) => BigInt(r.amount)).sort(compare)[0]!, maxAmount)
  return affordable
}

/** CAIP-2 match where a pattern's reference may be `*`. */
function matchesNetwork(pattern: string, network: string): boolean {
  if (pattern === network) return true
  const [namespace, reference] = pattern.split(':')
  return reference === '*' && network.startsWith(`${namespace}:`)
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}
