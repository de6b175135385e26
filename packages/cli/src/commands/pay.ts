import { createPayingFetch, formatUsd, OverBudgetError, redactUrl } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { observingFetch, summarize, summaryLine } from '../payments/paidRequest.js'
import { parseUsdFlag } from '../rights/flags.js'
import { openWallet } from '../rights/wallet.js'

type PayOptions = { max: string; method?: string; data?: string; key?: string }

/** The request to send: a JSON body makes it a POST unless --method says otherwise. */
function requestOf(options: PayOptions): RequestInit {
  const method = (options.method ?? (options.data === undefined ? 'GET' : 'POST')).toUpperCase()
  if (options.data === undefined) return { method }
  try {
    JSON.parse(options.data)
  } catch {
    throw new CliError('--data is not JSON')
  }
  if (method === 'GET' || method === 'HEAD') throw new CliError(`a ${method} request cannot carry --data`)
  return { method, body: options.data, headers: { 'content-type': 'application/json' } }
}

export function payCommand(program: Command, context: () => CliContext): void {
  program
    .command('pay <url>')
    .description(
      'fetch an x402 paid URL, paying from your key: the body goes to stdout, a one-line payment summary to stderr',
    )
    .option('--max <usd>', 'the most this request may cost', '1')
    .option('--method <method>', 'the HTTP method (default GET, POST with --data)')
    .option('--data <json>', 'a JSON body to send')
    .option('--key <name|address>', 'the paying key')
    .action(async (url: string, options: PayOptions) => {
      const ctx = context()
      const max = parseUsdFlag('--max', options.max)
      const init = requestOf(options)
      if (!/^https?:\/\//.test(url)) throw new CliError(`"${url}" is not an http(s) URL`)
      const wallet = await openWallet(ctx, options.key)
      const observed = observingFetch()
      const pay = createPayingFetch({
        account: wallet.account,
        network: `eip155:${wallet.chainId}`,
        maxAmountPerRequest: max,
        allowedAssets: [wallet.contracts.paymentToken],
        fetch: observed.fetch,
      })
      const response = await pay(url, init).catch((error: unknown) => {
        if (error instanceof TypeError) throw new CliError(`could not reach ${url}: ${error.message}`)
        if (error instanceof OverBudgetError && error.maxAmount === max)
          throw new CliError(
            `the request costs ${formatUsd(error.amount)} USD, more than --max ${formatUsd(max)} USD: nothing was paid`,
            1,
            error.code,
          )
        throw error
      })
      const body = await response.text()
      const payment = summarize(observed.lastPayment(), response)
      if (ctx.json) {
        const type = response.headers.get('content-type') ?? ''
        const parsed = type.includes('json') ? safeJson(body) : body
        process.stdout.write(
          `${JSON.stringify({ url, status: response.status, payment: payment ?? null, body: parsed }, null, 2)}\n`,
        )
      } else {
        process.stdout.write(body)
        process.stderr.write(`${payment ? summaryLine(payment) : 'no payment asked'}\n`)
      }
      // The body was printed either way; a failed request still exits non-zero.
      if (!response.ok) {
        if (!ctx.json) process.stderr.write(`rightflow: ${redactUrl(url)} answered HTTP ${response.status}\n`)
        process.exitCode = 1
      }
    })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
