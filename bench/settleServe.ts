// The paid resource server of the settle benchmark, in its own process: a Hono route priced with paidRoutes
// (`channel` and x402 `exact`), the same handler unpaid, and the server's payments as `npm start` wires them
// (startPayments: our facilitator in process, the channel scheme with its SQLite store, the claimer, all on the
// relayer, which is the payee). bench/settle.ts starts it (bench/serverProcess.ts), drives it over HTTP and stops
// it with SIGTERM. Settings come as JSON in BENCH_SERVE; prints {"url": …} once listening.
import { serve } from '@hono/node-server'
import { closeChannelWithVoucher, type Hex } from '@rightflow/sdk'
import { connectChain, paidRoutes, silentLogger, startPayments } from '@rightflow/server'
import { Hono } from 'hono'
import { facilitatorKey } from './settleChain.js'
import { freePath, paidPath, type ServerChannels, type SettleServeSettings } from './settleServer.js'

const settings = JSON.parse(process.env.BENCH_SERVE ?? '{}') as SettleServeSettings
const chain = await connectChain(settings.rpcUrl, facilitatorKey, settings.registry)
let errors = 0
const payments = await startPayments({
  chain,
  databasePath: settings.databasePath,
  // Claims are made when the bench asks (POST /bench/claim), never on the claimer's own thresholds.
  // The bench prices its own route, so the facilitator is told to settle payments to it (payee = the relayer).
  config: {
    minDeposit: BigInt(settings.minDeposit),
    claimMinUnclaimed: 2n ** 255n,
    claimMaxAgeMs: 2 ** 52,
    facilitatorPayees: [chain.walletClient.account!.address],
  },
  log: {
    ...silentLogger,
    warn: (message) => {
      if (message.startsWith('channel payment')) errors++
      console.error(`[settle server] ${message}`)
    },
  },
})
const { network, channels, tokenDomain } = payments
if (!channels || !chain.payments || !tokenDomain)
  throw new Error('the Settle contracts are not on this chain')
const payee = chain.walletClient.account!.address
const contracts = { ...chain.payments, paymentToken: settings.token }

const app = new Hono()
app.use(
  paidRoutes({
    network,
    facilitator: payments.facilitator,
    schemes: payments.schemes,
    routes: {
      [`GET ${paidPath}`]: {
        price: { amount: settings.price, asset: settings.token, extra: tokenDomain },
        payTo: payee,
        schemes: ['channel', 'exact'],
        mimeType: 'application/json',
      },
    },
  }),
)
const report = { report: 'the paid content' }
app.get(paidPath, (c) => c.json(report))
app.get(freePath, (c) => c.json(report))

app.get('/bench/state', async (c) => {
  const open = await channels.store.listOpen({ network, channels: contracts.paymentChannels, payee })
  const listed = open.map((s) => ({
    channelId: s.channelId,
    charged: s.charged.toString(),
    claimed: s.claimed.toString(),
    deposit: s.deposit.toString(),
  }))
  return c.json({ channels: listed, errors } satisfies ServerChannels)
})
app.post('/bench/claim', async (c) => {
  const claimed = await channels.claimer.tick({ all: true })
  return c.json({ ...claimed, total: claimed.total.toString() })
})
// The payee's cooperative close of one channel: it takes what it charged, under the largest voucher it accepted.
app.post('/bench/close', async (c) => {
  const { channelId } = await c.req.json<{ channelId: Hex }>()
  const state = await channels.store.getChannel({ network, channels: contracts.paymentChannels, channelId })
  if (!state?.accepted) return c.json({ error: `no accepted voucher on ${channelId}` }, 404)
  const { txHash } = await closeChannelWithVoucher({
    publicClient: chain.publicClient,
    walletClient: chain.walletClient,
    contracts,
    channelId,
    cumulativeAmount: state.accepted.amount,
    claimTotal: state.charged,
    signature: state.accepted.signature,
  })
  return c.json({ txHash })
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once('SIGTERM', () => {
  server.close(async () => {
    await payments.close()
    process.exit(0)
  })
})
