import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { mintTestStablecoin, readPaymentBalance } from '@rightflow/sdk'
import { HTTPFacilitatorClient } from '@x402/core/server'
import type { Network } from '@x402/core/types'
import { Hono } from 'hono'
import type { Address, LocalAccount } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { ensureMulticall3 } from '../../src/payments/facilitator/ensureMulticall3.js'
import { paidRoutes } from '../../src/payments/x402/paidRoutes.js'
import { type Harness, startHarness } from '../api/serverHarness.js'

/** $0.01 of the test stablecoin. */
export const priceUnits = 10_000n

/** The test stablecoin's EIP-712 domain, which the payer signs over. */
export const tokenDomain = { name: 'Rightflow Test USD', version: '1' }

export type PaymentsHarness = Harness & {
  network: Network
  token: Address
  facilitatorUrl: string
  price: { amount: string; asset: Address; extra: typeof tokenDomain }
  /** A fresh account holding `dollars` of the test stablecoin (and no ETH: EIP-3009 payers need none). */
  payer(dollars?: number): Promise<LocalAccount>
  balanceOf(account: Address): Promise<bigint>
  /**
   * A fresh payee for a resource server of the test's own, which our /facilitator settles for: added to the
   * server's RIGHTFLOW_FACILITATOR_PAYEES (by default it settles only its own routes' payments).
   */
  payee(): Address
  /** Adds a payee to the server's RIGHTFLOW_FACILITATOR_PAYEES. */
  allowPayee(payee: Address): void
}

/** Our real server (with its /facilitator) on a real anvil with the test stablecoin and Multicall3. */
export async function startPaymentsHarness(): Promise<PaymentsHarness> {
  // The operator's allow-list, shared with the running facilitator: tests add the payees they create.
  const facilitatorPayees: Address[] = []
  const h = await startHarness(':memory:', undefined, undefined, { payments: { facilitatorPayees } })
  await ensureMulticall3({ rpcUrl: h.chain.rpcUrl })
  const token = h.chain.rights.paymentToken
  const { publicClient, walletClient } = h.chain
  return {
    ...h,
    network: `eip155:${h.chain.chainId}`,
    token,
    facilitatorUrl: `${h.server.url}/facilitator`,
    price: { amount: priceUnits.toString(), asset: token, extra: tokenDomain },
    async payer(dollars = 1) {
      const account = privateKeyToAccount(generatePrivateKey())
      const amount = BigInt(Math.round(dollars * 1e6))
      if (amount > 0n)
        await mintTestStablecoin({ publicClient, walletClient, token, to: account.address, amount })
      return account
    },
    balanceOf: (account) => readPaymentBalance({ publicClient, token, account }),
    payee() {
      const payee = freshAddress()
      facilitatorPayees.push(payee)
      return payee
    },
    allowPayee: (payee) => facilitatorPayees.push(payee),
  }
}

export type Served = { url: string; close(): Promise<void> }

/** Serves a fetch handler over real HTTP on a free loopback port. */
export async function serveFetch(
  fetchHandler: (request: Request) => Response | Promise<Response>,
): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}

/** A resource server of ours: a paid report, a paid route whose handler fails, and a free route. */
export function paidReportApp(h: PaymentsHarness, payTo: Address) {
  const served = { count: 0 }
  /** Runs inside the paid handler, before it answers (to change the chain under a verified payment). */
  const hooks: { beforeAnswer?: (() => Promise<void>) | undefined } = {}
  const app = new Hono()
  app.use(
    paidRoutes({
      network: h.network,
      facilitator: new HTTPFacilitatorClient({ url: h.facilitatorUrl }),
      routes: {
        'GET /v1/paid/report': {
          price: h.price,
          payTo,
          description: 'A paid report',
          mimeType: 'application/json',
        },
        'GET /v1/paid/broken': { price: h.price, payTo },
      },
    }),
  )
  app.get('/v1/paid/report', async (c) => {
    served.count++
    await hooks.beforeAnswer?.()
    return c.json({ report: 'the paid content' })
  })
  app.get('/v1/paid/broken', (c) => c.json({ error: 'the handler failed' }, 500))
  app.get('/v1/free', (c) => c.text('free'))
  return { app, served, hooks }
}

/** A fresh address that holds nothing. */
export function freshAddress(): Address {
  return privateKeyToAccount(generatePrivateKey()).address
}
