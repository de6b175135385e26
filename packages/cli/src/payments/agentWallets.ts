import {
  type AgentWallet,
  formatUsd,
  listAgentPayees,
  type PaymentContracts,
  readAgentWallet,
} from '@rightflow/sdk'
import type { Address, PublicClient } from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { listRows } from '../output.js'
import { keyAddress, resolveAccount } from '../rights/accounts.js'
import { formatTime } from '../rights/format.js'
import { formatDuration } from './flags.js'

const usd = (units: bigint) => `${formatUsd(units)} USD`

/** The agent a wallet command is about: `--agent` (a key name or an address), else your key. */
export async function resolveAgent(ctx: CliContext, agent: string | undefined, key: string | undefined) {
  return agent ? resolveAccount(ctx, '--agent', agent) : keyAddress(ctx, key)
}

/** An agent's wallet with its allow-list; a one-line error when it has none. */
export async function requireAgentWallet(
  session: { publicClient: PublicClient; payments: PaymentContracts },
  agent: Address,
): Promise<{ wallet: AgentWallet; payees: Address[] }> {
  const read = { publicClient: session.publicClient, contracts: session.payments, agent }
  const [wallet, payees] = await Promise.all([readAgentWallet(read), listAgentPayees(read)])
  if (!wallet)
    throw new CliError(
      `${agent} has no agent wallet: \`rightflow agent wallet create --agent ${agent}\` makes one`,
      1,
      'unknown_wallet',
    )
  return { wallet, payees }
}

/** The policy rows of the wallet table. */
export function policyRows(wallet: AgentWallet, payees: Address[]): [string, string][] {
  const { policy } = wallet
  const listed: [string, string][] = policy.allowlistOnly
    ? listRows('allow-list', payees, 'on: nobody is allowed yet')
    : [['allow-list', payees.length ? `off (${payees.length} listed, used once it is on)` : 'off: any payee']]
  return [
    ['budget', `${usd(policy.budgetPerPeriod)} per ${formatDuration(policy.periodSeconds)}`],
    ['max per payment', usd(policy.maxPerPayment)],
    ...listed,
    ['paused', policy.paused ? 'yes: nothing may be spent' : 'no'],
  ]
}

/** Every row of `agent wallet show`. */
export function walletRows(wallet: AgentWallet, payees: Address[]): [string, string][] {
  return [
    ['owner', wallet.owner],
    ['balance', usd(wallet.balance)],
    [
      'spent',
      `${usd(wallet.spentInPeriod)} of ${usd(wallet.policy.budgetPerPeriod)} this period (${usd(wallet.spendable)} spendable now)`,
    ],
    [
      'resets at',
      `${formatTime(wallet.periodEndsAt)} (every ${formatDuration(wallet.policy.periodSeconds)})`,
    ],
    ...policyRows(wallet, payees),
  ]
}

/** The wallet as JSON: token units as strings, dollars beside them. */
export function walletJson(wallet: AgentWallet, payees: Address[]) {
  return {
    ...wallet,
    allowlist: payees,
    usd: {
      balance: formatUsd(wallet.balance),
      spentInPeriod: formatUsd(wallet.spentInPeriod),
      spendable: formatUsd(wallet.spendable),
      budgetPerPeriod: formatUsd(wallet.policy.budgetPerPeriod),
      maxPerPayment: formatUsd(wallet.policy.maxPerPayment),
    },
  }
}
