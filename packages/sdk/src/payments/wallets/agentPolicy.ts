/**
 * What an agent may spend from its wallet, as the chain enforces it on every payment out of it. Amounts in
 * payment token units.
 */
export type AgentPolicy = {
  /** Most the agent may spend per period. */
  budgetPerPeriod: bigint
  /** Length of a period in seconds; spending resets at each whole period since the wallet was created. */
  periodSeconds: number
  /** Most a single payment (or channel deposit) may be; at most the budget. */
  maxPerPayment: bigint
  /** Payments go only to payees the owner allowed (setAgentPayee). */
  allowlistOnly: boolean
  /** Nothing may be spent. */
  paused: boolean
}

/** The limits of a policy, without its switches: what setAgentLimits replaces. */
export type AgentLimits = Pick<AgentPolicy, 'budgetPerPeriod' | 'periodSeconds' | 'maxPerPayment'>

/** The `Limits` struct the contract takes. */
export function limitsTuple(limits: AgentLimits) {
  return {
    budgetPerPeriod: limits.budgetPerPeriod,
    periodSeconds: BigInt(limits.periodSeconds),
    maxPerPayment: limits.maxPerPayment,
  }
}

/** A policy to create a wallet with: the switches default to off. */
export type AgentPolicyInput = Omit<AgentPolicy, 'allowlistOnly' | 'paused'> &
  Partial<Pick<AgentPolicy, 'allowlistOnly' | 'paused'>>

/** The `Policy` struct the contract takes. */
export function policyTuple(policy: AgentPolicyInput) {
  return {
    budgetPerPeriod: policy.budgetPerPeriod,
    periodSeconds: BigInt(policy.periodSeconds),
    maxPerPayment: policy.maxPerPayment,
    allowlistOnly: policy.allowlistOnly ?? false,
    paused: policy.paused ?? false,
  }
}

/** The policy from the contract's struct. */
export function policyFromTuple(tuple: ReturnType<typeof policyTuple>): AgentPolicy {
  return { ...tuple, periodSeconds: Number(tuple.periodSeconds) }
}
