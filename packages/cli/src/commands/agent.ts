import { writeFile } from 'node:fs/promises'
import {
  createAgentWallet,
  depositToAgentWallet,
  formatUsd,
  setAgentPayee,
  setAgentWalletPaused,
  withdrawFromAgentWallet,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import type { Address } from 'viem'
import type { CliContext } from '../context.js'
import { collect } from '../options.js'
import { emit, table } from '../output.js'
import { requireAgentWallet, resolveAgent, walletJson, walletRows } from '../payments/agentWallets.js'
import { parseDuration } from '../payments/flags.js'
import {
  openPayments,
  openPaymentsWallet,
  type PaymentsWallet,
  requireDeployed,
} from '../payments/session.js'
import { consentFor, signConsent } from '../payments/walletConsent.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseUsdFlag } from '../rights/flags.js'
import { formatTime } from '../rights/format.js'
import { statusLine } from '../rights/status.js'
import { agentPolicyCommand } from './agentPolicy.js'

type CreateOptions = {
  agent?: string
  consent?: string
  budget: string
  period: string
  maxPayment: string
  allow: string[]
  allowlistOnly?: boolean
  key?: string
}

const usd = (units: bigint) => `${formatUsd(units)} USD`

/** Opens the key's wallet session and finds the agent a wallet command is about. */
async function walletCall(ctx: CliContext, options: { agent?: string; key?: string }) {
  const agent = await resolveAgent(ctx, options.agent, options.key)
  const session = await openPaymentsWallet(ctx, options.key)
  await requireDeployed(session, 'agentWallets')
  return { session, agent, call: { ...session, contracts: session.payments, agent } }
}

/** Prints the wallet after a change, as `show` does. */
async function printWallet(ctx: CliContext, session: PaymentsWallet, agent: Address, headline: string) {
  const { wallet, payees } = await requireAgentWallet(session, agent)
  emit(ctx.json, walletJson(wallet, payees), () =>
    console.log(`${headline}\n${table(walletRows(wallet, payees))}`),
  )
}

export function agentCommand(program: Command, context: () => CliContext): void {
  const wallet = program
    .command('agent')
    .description('AI agents that pay: spending wallets whose policy the chain enforces')
    .command('wallet')
    .description(
      'an agent key’s spending wallet: a budget per period, a maximum per payment, an allow-list, a pause switch',
    )

  wallet
    .command('create')
    .description(
      'create the wallet of an agent key, owned by your key, with the agent’s consent (fund it with `agent wallet topup`)',
    )
    .option('--agent <key|address>', 'the agent key that will spend (default: your key)')
    .option(
      '--consent <file>',
      'the agent’s signed consent (`agent wallet consent` writes it); not needed when the agent is one of your keys',
    )
    .requiredOption('--budget <usd>', 'the most the agent may spend per period')
    .requiredOption('--period <duration>', 'the budget period: 1d, 12h, 30m, 1w…')
    .requiredOption('--max-payment <usd>', 'the most a single payment may be')
    .option('--allow <address|key>', 'a payee the agent may pay (repeatable)', collect, [])
    .option('--allowlist-only', 'pay only payees on the allow-list')
    .option('--key <name|address>', 'the owner’s key')
    .action(async (options: CreateOptions) => {
      const ctx = context()
      const policy = {
        budgetPerPeriod: parseUsdFlag('--budget', options.budget),
        periodSeconds: parseDuration('--period', options.period),
        maxPerPayment: parseUsdFlag('--max-payment', options.maxPayment),
        allowlistOnly: options.allowlistOnly ?? false,
      }
      const allowed = await Promise.all(options.allow.map((a) => resolveAccount(ctx, '--allow', a)))
      const { session, agent, call } = await walletCall(ctx, options)
      const consent = await consentFor(ctx, session, agent, options.consent)
      statusLine(ctx.json)(`creating the wallet of ${agent}`)
      await createAgentWallet({ ...call, policy, consent })
      for (const payee of allowed) await setAgentPayee({ ...call, payee, allowed: true })
      await printWallet(ctx, session, agent, `Created the agent wallet of ${agent}`)
    })

  wallet
    .command('consent')
    .description(
      'the agent key consents to a wallet owned by --owner, who passes it to `agent wallet create`',
    )
    .requiredOption('--owner <address|key>', 'who will own the wallet')
    .option('--valid <duration>', 'how long the consent may wait to be used: 1h, 1d…', '1d')
    .option('--out <file>', 'write the consent there (default: print it)')
    .option('--key <name|address>', 'the agent’s key')
    .action(async (options: { owner: string; valid: string; out?: string; key?: string }) => {
      const ctx = context()
      const owner = await resolveAccount(ctx, '--owner', options.owner)
      const seconds = parseDuration('--valid', options.valid)
      const session = await openPaymentsWallet(ctx, options.key)
      await requireDeployed(session, 'agentWallets')
      const consent = await signConsent(session, session.account, owner, seconds)
      const text = `${JSON.stringify(consent, null, 2)}\n`
      if (options.out) await writeFile(options.out, text)
      if (ctx.json || !options.out) {
        process.stdout.write(text)
        return
      }
      console.log(
        `${consent.agent} consents to a wallet owned by ${owner}, until ${formatTime(Number(consent.deadline))}: ` +
          `wrote ${options.out} (\`rightflow agent wallet create --agent ${consent.agent} --consent ${options.out}\`)`,
      )
    })

  wallet
    .command('show [agent]')
    .description('balance, spending this period against the budget, when it resets, and the policy')
    .option('--key <name|address>', 'your key, when no agent is named (no passphrase needed)')
    .action(async (agentText: string | undefined, options: { key?: string }) => {
      const ctx = context()
      const agent = await resolveAgent(ctx, agentText, options.key)
      const session = await openPayments(ctx)
      await requireDeployed(session, 'agentWallets')
      const { wallet, payees } = await requireAgentWallet(session, agent)
      emit(ctx.json, walletJson(wallet, payees), () =>
        console.log(`Agent wallet of ${agent}\n${table(walletRows(wallet, payees))}`),
      )
    })

  wallet
    .command('topup <usd>')
    .description('add funds to an agent’s wallet from your key (anyone may)')
    .option('--agent <key|address>', 'the agent (default: your key)')
    .option('--key <name|address>', 'the paying key')
    .action(async (amountText: string, options: { agent?: string; key?: string }) => {
      const ctx = context()
      const amount = parseUsdFlag('amount', amountText)
      const { session, agent, call } = await walletCall(ctx, options)
      statusLine(ctx.json)(`adding ${formatUsd(amount)}`)
      await depositToAgentWallet({ ...call, amount })
      await printWallet(ctx, session, agent, `Added ${usd(amount)} to the agent wallet of ${agent}`)
    })

  wallet
    .command('withdraw <usd>')
    .description('the owner takes funds out of an agent’s wallet')
    .option('--agent <key|address>', 'the agent (default: your key)')
    .option('--to <address|key>', 'where the dollars go (default: you)')
    .option('--key <name|address>', 'the owner’s key')
    .action(async (amountText: string, options: { agent?: string; to?: string; key?: string }) => {
      const ctx = context()
      const amount = parseUsdFlag('amount', amountText)
      const to = options.to ? await resolveAccount(ctx, '--to', options.to) : undefined
      const { session, agent, call } = await walletCall(ctx, options)
      statusLine(ctx.json)(`withdrawing ${formatUsd(amount)}`)
      await withdrawFromAgentWallet({ ...call, amount, ...(to ? { to } : {}) })
      const recipient = to ?? session.account.address
      await printWallet(
        ctx,
        session,
        agent,
        `Withdrew ${usd(amount)} from the agent wallet of ${agent} to ${recipient}`,
      )
    })

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const)
    wallet
      .command(name)
      .description(
        paused ? 'stop every payment out of an agent’s wallet' : 'let a paused agent wallet spend again',
      )
      .option('--agent <key|address>', 'the agent (default: your key)')
      .option('--key <name|address>', 'the owner’s key')
      .action(async (options: { agent?: string; key?: string }) => {
        const ctx = context()
        const { session, agent, call } = await walletCall(ctx, options)
        await setAgentWalletPaused({ ...call, paused })
        await printWallet(
          ctx,
          session,
          agent,
          `${paused ? 'Paused' : 'Resumed'} the agent wallet of ${agent}`,
        )
      })

  agentPolicyCommand(wallet, context)
}
