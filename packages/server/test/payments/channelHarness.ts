import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ChannelRoyalty,
  createAsset,
  type Hex,
  mintTestStablecoin,
  openChannel,
  type PaymentContracts,
  recordId,
  registerRecordOnChain,
  signVoucher,
} from '@rightflow/sdk'
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from '@x402/core/http'
import { HTTPFacilitatorClient } from '@x402/core/server'
import type { PaymentRequirements } from '@x402/core/types'
import { Hono } from 'hono'
import {
  type Address,
  createTestClient,
  http,
  type LocalAccount,
  type TestClient,
  type WalletClient,
} from 'viem'
import { ChannelClaimer } from '../../src/payments/channel/ChannelClaimer.js'
import { ChannelScheme } from '../../src/payments/channel/ChannelScheme.js'
import { SqliteChannelStore } from '../../src/payments/channel/SqliteChannelStore.js'
import { paidRoutes } from '../../src/payments/x402/paidRoutes.js'
import { exactEvmScheme } from '../../src/payments/x402/paymentSchemes.js'
import { makeSigned } from '../support/records.js'
import { fundedActor } from '../support/rightsActors.js'
import {
  type PaymentsHarness,
  type Served,
  serveFetch,
  startPaymentsHarness,
  tokenDomain,
} from './paymentsHarness.js'

/** $0.001 a call, as the demo route charges. */
export const callPrice = 1_000n
export const minDeposit = 100_000n

export type Actor = { account: LocalAccount; walletClient: WalletClient }

export type SiteOptions = {
  royalty?: ChannelRoyalty | null
  /** The smallest deposit the site asks of a new channel (`minDeposit` when absent). */
  minDeposit?: bigint
  /** The SQLite file of the site's channel state (a fresh one when absent). */
  databasePath?: string
  /** The payee (a fresh funded account when absent). */
  payee?: Actor
}

/** A resource server of ours that takes `channel` and `exact`, with its own channel store and claimer. */
export type ChannelSite = Served & {
  payee: Actor
  royalty: ChannelRoyalty | null
  databasePath: string
  store: SqliteChannelStore
  scheme: ChannelScheme
  claimer: ChannelClaimer
  /** Another claimer of this site's channels, with its own thresholds and clock. */
  claimerWith(thresholds: { minUnclaimed: bigint; maxAgeMs: number; now?: () => number }): ChannelClaimer
  served: { count: number }
  /** Make the paid handler fail (500) for the next `n` calls. */
  failNext(n: number): void
  /**
   * Ends the body of every open `GET /v1/paid/stream` answer: that route streams a first chunk at once and holds
   * the rest until this is called.
   */
  endStreams(): void
  /** The `channel` requirements of the paid report, as its 402 states them. */
  requirements(): Promise<PaymentRequirements>
}

export type ChannelHarness = PaymentsHarness & {
  contracts: PaymentContracts
  testClient: TestClient
  /** A fresh account with 10 ETH and `dollars` of the test stablecoin. */
  actor(dollars?: number): Promise<Actor>
  /** An IP asset owned by a fresh account. */
  newAsset(): Promise<{ assetId: Hex; vault: Address }>
  site(options?: SiteOptions): Promise<ChannelSite>
  /** Opens a channel from `payer` straight on chain (not through a paying client). */
  open(payer: Actor, payee: Address, deposit: bigint, royalty?: ChannelRoyalty | null): Promise<Hex>
  /** A PAYMENT-SIGNATURE carrying a voucher for `cumulativeAmount`, signed by `signer` (for `chainId`). */
  voucherHeader(
    requirements: PaymentRequirements,
    signer: LocalAccount,
    channelId: Hex,
    cumulativeAmount: bigint,
    chainId?: number,
  ): Promise<string>
  /** Moves the chain's clock forward. */
  advance(seconds: number): Promise<void>
}

export async function startChannelHarness(): Promise<ChannelHarness> {
  const h = await startPaymentsHarness()
  const { publicClient, walletClient } = h.chain
  const contracts: PaymentContracts = { ...h.chain.payments, paymentToken: h.token }
  const testClient = createTestClient({
    mode: 'anvil',
    chain: walletClient.chain!,
    transport: http(h.chain.rpcUrl),
  })
  const sites: ChannelSite[] = []

  const actor = async (dollars = 10): Promise<Actor> => {
    const funded = await fundedActor(h.chain)
    if (dollars > 0)
      await mintTestStablecoin({
        publicClient,
        walletClient,
        token: h.token,
        to: funded.account.address,
        amount: BigInt(Math.round(dollars * 1e6)),
      })
    return funded
  }

  const site = async ({
    royalty = null,
    databasePath,
    payee,
    ...options
  }: SiteOptions = {}): Promise<ChannelSite> => {
    const path = databasePath ?? join(mkdtempSync(join(tmpdir(), 'rf-site-')), 'site.db')
    const owner = payee ?? (await actor(0))
    // The site is a resource server of its own: our /facilitator settles its `exact` payments once allowed.
    h.allowPayee(owner.account.address)
    const store = new SqliteChannelStore(path)
    const scheme = new ChannelScheme({
      store,
      publicClient,
      channels: contracts.paymentChannels,
      asset: h.token,
      minDeposit: options.minDeposit ?? minDeposit,
    })
    const claimerWith = (thresholds: { minUnclaimed: bigint; maxAgeMs: number; now?: () => number }) =>
      new ChannelClaimer({
        store,
        publicClient,
        walletClient: owner.walletClient,
        network: h.network,
        channels: contracts.paymentChannels,
        pollMs: 60_000,
        ...thresholds,
      })
    const claimer = claimerWith({ minUnclaimed: 10n ** 30n, maxAgeMs: 10 ** 12 })
    const served = { count: 0 }
    let failures = 0
    const price = { amount: callPrice.toString(), asset: h.token, extra: tokenDomain }
    const route = { price, payTo: owner.account.address, schemes: ['channel', 'exact'], royalty }
    const app = new Hono()
    app.use(
      paidRoutes({
        network: h.network,
        facilitator: new HTTPFacilitatorClient({ url: h.facilitatorUrl }),
        schemes: [exactEvmScheme(), { network: h.network, server: scheme }],
        routes: { 'GET /v1/paid/report': route, 'GET /v1/paid/thrown': route, 'GET /v1/paid/stream': route },
      }),
    )
    const report = (c: { json: (body: unknown, status?: 200 | 500) => Response }) => {
      if (failures > 0) {
        failures--
        return c.json({ error: 'the handler failed' }, 500)
      }
      served.count++
      return c.json({ report: 'the paid content' })
    }
    app.get('/v1/paid/report', report)
    app.get('/v1/free/report', report)
    let streamsEnded = deferred()
    app.get('/v1/paid/stream', () => {
      const held = streamsEnded.promise
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first chunk;'))
          await held
          controller.enqueue(new TextEncoder().encode('the rest'))
          controller.close()
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/plain' } })
    })
    app.get('/v1/paid/thrown', () => {
      throw new Error('the handler threw')
    })
    app.onError((error, c) => c.json({ error: error.message }, 500))
    const served_ = await serveFetch(app.fetch)
    const created: ChannelSite = {
      ...served_,
      payee: owner,
      royalty,
      databasePath: path,
      store,
      scheme,
      claimer,
      claimerWith,
      served,
      failNext: (n) => {
        failures = n
      },
      endStreams: () => {
        streamsEnded.resolve()
        streamsEnded = deferred()
      },
      async requirements() {
        const response = await fetch(`${served_.url}/v1/paid/report`)
        const required = decodePaymentRequiredHeader(response.headers.get('payment-required')!)
        return required.accepts.find((r) => r.scheme === 'channel')!
      },
      async close() {
        await served_.close()
        await claimer.stop()
        await store.close()
      },
    }
    sites.push(created)
    return created
  }

  return {
    ...h,
    contracts,
    testClient,
    actor,
    site,
    async newAsset() {
      const owner = await actor(0)
      const signed = await makeSigned(owner.account, h.domain)
      await registerRecordOnChain({
        publicClient,
        walletClient: owner.walletClient,
        registry: h.chain.registry,
        signed,
      })
      const created = await createAsset({
        publicClient,
        walletClient: owner.walletClient,
        contracts: h.chain.rights,
        recordId: recordId(signed.record),
        kind: 'work',
      })
      return { assetId: created.assetId, vault: created.vault }
    },
    async open(payer, payee, deposit, royalty = null) {
      const opened = await openChannel({
        publicClient,
        walletClient: payer.walletClient,
        contracts,
        payee,
        deposit,
        ...(royalty ? { royalty } : {}),
      })
      return opened.channelId
    },
    async voucherHeader(requirements, signer, channelId, cumulativeAmount, chainId = h.chain.chainId) {
      const signature = await signVoucher({
        account: signer,
        domain: { chainId, channels: contracts.paymentChannels },
        voucher: { channelId, cumulativeAmount },
      })
      return encodePaymentSignatureHeader({
        x402Version: 2,
        accepted: requirements,
        payload: { channelId, cumulativeAmount: cumulativeAmount.toString(), signature },
      })
    },
    async advance(seconds) {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    },
    async stop() {
      for (const s of sites) await s.close().catch(() => {})
      await h.stop()
    },
  }
}

/** A promise and its resolve (Promise.withResolvers is Node 22). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}
