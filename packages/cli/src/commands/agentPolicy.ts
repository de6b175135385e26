import { type AgentLimits, setAgentAllowlistOnly, setAgentLimits, setAgentPayee } from '@rightflow/sdk'
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { collect } from '../options.js'
import { emit, table } from '../output.js'
import { policyRows, requireAgentWallet, resolveAgent, walletJson } from '../payments/agentWallets.js'
import { parseDuration } from '../payments/flags.js'
import { openPayments, openPaymentsWallet, requireDeployed } from '../payments/session.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseUsdFlag } from '../rights/flags.js'

type SetOptions = {
  agent?: string
  budget?: string
  period?: string
  maxPayment?: string
  allowlistOnly?: boolean
  allow: string[]
  disallow: string[]
  key?: string
}

export function agentPolicyCommand(wallet: Command, context: () => CliContext): void {
  const policy = wallet.command('policy').description('what an agent may spend from its wallet')

  policy
    .command('show [agent]')
    .description('budget per period, maximum per payment, allow-list, paused')
    .option('--key <name|address>', 'your key, when no agent is named (no passphrase needed)')
    .action(async (agentText: string | undefined, options: { key?: string }) => {
      const ctx = context()
      const agent = await resolveAgent(ctx, agentText, options.key)
      const session = await openPayments(ctx)
      await requireDeployed(session, 'agentWallets')
      const { wallet, payees } = await requireAgentWallet(session, agent)
      emit(ctx.json, { agent, policy: wallet.policy, allowlist: payees }, () =>
        console.log(`Policy of the agent wallet of ${agent}\n${table(policyRows(wallet, payees))}`),
      )
    })

  policy
    .command('set')
    .description(
      'change the policy: flags left out keep their value (pause and resume are their own commands); --allow and --disallow edit the allow-list',
    )
    .option('--agent <key|address>', 'the agent (default: your key)')
    .option('--budget <usd>', 'the most the agent may spend per period')
    .option('--period <duration>', 'the budget period: 1d, 12h, 30m, 1w…')
    .option('--max-payment <usd>', 'the most a single payment may be')
    .option('--allowlist-only', 'pay only payees on the allow-list')
    .option('--no-allowlist-only', 'pay any payee')
    .option('--allow <address|key>', 'add a payee to the allow-list (repeatable)', collect, [])
    .option('--disallow <address|key>', 'remove a payee from the allow-list (repeatable)', collect, [])
    .option('--key <name|address>', 'the owner’s key')
    .action(async (options: SetOptions) => {
      const ctx = context()
      const changes: Partial<AgentLimits> = {
        ...(options.budget === undefined
          ? {}
          : { budgetPerPeriod: parseUsdFlag('--budget', options.budget) }),
        ...(options.period === undefined ? {} : { periodSeconds: parseDuration('--period', options.period) }),
        ...(options.maxPayment === undefined
          ? {}
          : { maxPerPayment: parseUsdFlag('--max-payment', options.maxPayment) }),
      }
      const resolve = (flag: string, list: string[]) =>
        Promise.all(list.map((a) => resolveAccount(ctx, flag, a)))
      const [allow, disallow] = [
        await resolve('--allow', options.allow),
        await resolve('--disallow', options.disallow),
      ]
      const agent = await resolveAgent(ctx, options.agent, options.key)
      const session = await openPaymentsWallet(ctx, options.key)
      await requireDeployed(session, 'agentWallets')
      const call = { ...session, contracts: session.payments, agent }
      const { wallet: before } = await requireAgentWallet(session, agent)
      // The limits are replaced together (unnamed ones keep the value just read); the switches have calls of
      // their own, so nothing here can undo a pause made meanwhile.
      if (Object.keys(changes).length > 0) {
        const { budgetPerPeriod, periodSeconds, maxPerPayment } = before.policy
        await setAgentLimits({
          ...call,
          limits: { budgetPerPeriod, periodSeconds, maxPerPayment, ...changes },
        })
      }
      if (options.allowlistOnly !== undefined && options.allowlistOnly !== before.policy.allowlistOnly)
        await setAgentAllowlistOnly({ ...call, allowlistOnly: options.allowlistOnly })
      for (const payee of allow) await setAgentPayee({ ...call, payee, allowed: true })
      for (const payee of disallow) await setAgentPayee({ ...call, payee, allowed: false })
      const { wallet, payees } = await requireAgentWallet(session, agent)
      emit(ctx.json, walletJson(wallet, payees), () =>
        console.log(`Policy of the agent wallet of ${agent}\n${table(policyRows(wallet, payees))}`),
      )
    })
}
