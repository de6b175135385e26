import { type PaymentContracts, paymentAddresses } from '@rightflow/sdk'
import { getAddress } from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { openRights, type RightsSession } from '../rights/session.js'
import { openWallet, type WalletSession } from '../rights/wallet.js'

/** A rights session that also knows where the Settle contracts are. */
export type PaymentsSession = RightsSession & { payments: PaymentContracts }
export type PaymentsWallet = WalletSession & { payments: PaymentContracts }

const overrides = {
  paymentChannels: 'RIGHTFLOW_PAYMENT_CHANNELS',
  agentWallets: 'RIGHTFLOW_AGENT_WALLETS',
  streams: 'RIGHTFLOW_STREAMS',
  escrow: 'RIGHTFLOW_ESCROW',
} as const

/**
 * The Settle contracts: their deterministic addresses for the License contracts in use (computed locally, as
 * those are), unless RIGHTFLOW_PAYMENT_CHANNELS, RIGHTFLOW_AGENT_WALLETS, RIGHTFLOW_STREAMS or RIGHTFLOW_ESCROW
 * say otherwise.
 */
export function paymentContractsOf(session: RightsSession): PaymentContracts {
  const { assetRegistry, paymentToken } = session.contracts
  const defaults = paymentAddresses({ assetRegistry, paymentToken })
  const contracts = { ...defaults, paymentToken }
  for (const [name, variable] of Object.entries(overrides) as [keyof typeof overrides, string][]) {
    const value = process.env[variable]
    if (!value) continue
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new CliError(`${variable} is not an address: ${value}`)
    contracts[name] = getAddress(value)
  }
  return contracts
}

/** Connects for a command that only reads. */
export async function openPayments(ctx: CliContext): Promise<PaymentsSession> {
  const session = await openRights(ctx)
  return { ...session, payments: paymentContractsOf(session) }
}

/** Connects and unlocks the chosen key, for a command that sends transactions. */
export async function openPaymentsWallet(
  ctx: CliContext,
  keyOption: string | undefined,
): Promise<PaymentsWallet> {
  const wallet = await openWallet(ctx, keyOption)
  return { ...wallet, payments: paymentContractsOf(wallet) }
}

/**
 * Refuses, in one line, a command whose Settle contract is not on this chain (an old `npm start` chain, a wrong
 * override), instead of reading zeros from an empty address.
 */
export async function requireDeployed(session: PaymentsSession, name: keyof typeof overrides): Promise<void> {
  const address = session.payments[name]
  const code = await session.publicClient.getCode({ address })
  if (!code || code === '0x')
    throw new CliError(
      `the Settle contracts are not deployed on chain ${session.chainId} (no ${name} contract at ${address}): ` +
        `\`npm start\` deploys them on its chain, or set ${overrides[name]}`,
      1,
      'payments_not_deployed',
    )
}
