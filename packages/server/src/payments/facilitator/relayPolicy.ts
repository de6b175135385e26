import type { Network, PaymentRequirements } from '@x402/core/types'
import type { Address } from 'viem'

/**
 * Which payments the relayer settles, and so pays the gas of. Anything else is refused before the chain is
 * asked: a facilitator that settles whatever it is sent lets strangers move their tokens at our cost.
 */
export type RelayPolicy = {
  /**
   * What this server's own paid routes ask for (network, token, payee, amount): a payment whose requirements
   * match one exactly is one the server issued.
   */
  ownRoutes: { network: Network; asset: Address; payTo: Address; amount: bigint }[]
  /**
   * Payees of other resource servers the operator chose to settle for (RIGHTFLOW_FACILITATOR_PAYEES), any
   * amount of an allowed token. Empty by default: only our own routes.
   */
  payees: Address[]
}

/** Why the relayer will not settle these requirements, or undefined when it will. */
export function relayRefusal(policy: RelayPolicy, requirements: PaymentRequirements): string | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
  const ownRoute = policy.ownRoutes.some(
    (route) =>
      route.network === requirements.network &&
      same(route.asset, requirements.asset) &&
      same(route.payTo, requirements.payTo) &&
      /^\d+$/.test(requirements.amount) &&
      BigInt(requirements.amount) === route.amount,
  )
  if (ownRoute || policy.payees.some((payee) => same(payee, requirements.payTo))) return undefined
  return 'relay_not_allowed'
}
