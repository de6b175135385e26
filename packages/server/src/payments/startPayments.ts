import type { Network } from '@x402/core/types'
import { type Address, parseAbi } from 'viem'
import type { ChainContext } from '../chainContext.js'
import type { Logger } from '../logger.js'
import { ChannelClaimer } from './channel/ChannelClaimer.js'
import { ChannelScheme } from './channel/ChannelScheme.js'
import type { ChannelStore } from './channel/ChannelStore.js'
import { SqliteChannelStore } from './channel/SqliteChannelStore.js'
import { createFacilitator } from './facilitator/createFacilitator.js'
import type { Facilitator } from './facilitator/Facilitator.js'
import { RoyaltyForwarder } from './royalty/RoyaltyForwarder.js'
import type { RoyaltyLedger } from './royalty/RoyaltyLedger.js'
import { SqliteRoyaltyLedger } from './royalty/SqliteRoyaltyLedger.js'
import { exactEvmScheme, type PaymentSchemeRegistration } from './x402/paymentSchemes.js'

/** How the server prices its paid route and claims its channels. Amounts in payment token units. */
export type PaymentsConfig = {
  /** Price of one call of GET /v1/paid/content/… */
  contentPrice: bigint
  /** Share of each such payment for the IP asset that covers the bytes. */
  royaltyBps: number
  /** Smallest deposit asked of a new channel. */
  minDeposit: bigint
  /** A channel is claimed once this much is claimable… */
  claimMinUnclaimed: bigint
  /** …or once its oldest unclaimed charge is this old (ms). */
  claimMaxAgeMs: number
  /** How often the claimer (and the royalty forwarder) look (ms). */
  claimPollMs: number
  /** Royalties collected through `exact` payments are paid to an asset's vault once this much is owed. */
  royaltyMinForward: bigint
  /**
   * Payees of other resource servers whose payments /facilitator settles at the relayer's cost; besides them it
   * settles only payments to this server's own paid routes (see RelayPolicy).
   */
  facilitatorPayees: Address[]
}

export const defaultPaymentsConfig: PaymentsConfig = {
  contentPrice: 1_000n, // $0.001
  royaltyBps: 1_000, // 10%
  minDeposit: 100_000n, // $0.10
  claimMinUnclaimed: 1_000_000n, // $1
  claimMaxAgeMs: 60 * 60_000, // well inside the one-day challenge period
  claimPollMs: 5_000,
  royaltyMinForward: 100_000n, // $0.10
  facilitatorPayees: [], // only our own routes
}

/** The `channel` scheme with its state and claimer, when the Settle contracts are on this chain. */
export type ChannelPayments = { store: ChannelStore; scheme: ChannelScheme; claimer: ChannelClaimer }

export type Payments = {
  facilitator: Facilitator
  network: Network
  /** Registered on routes: `exact`, and `channel` when available. */
  schemes: PaymentSchemeRegistration[]
  config: PaymentsConfig
  channels: ChannelPayments | undefined
  /** Royalties owed from `exact` payments, and what pays them on; undefined without the License layer. */
  royalties: { ledger: RoyaltyLedger; forwarder: RoyaltyForwarder } | undefined
  /** The payment token's EIP-712 domain (what `exact` payers sign over); undefined without the License layer. */
  tokenDomain: { name: string; version: string } | undefined
  /** Starts the claimer and the royalty forwarder. */
  start(): void
  close(): Promise<void>
}

/**
 * The server's payments: the x402 facilitator (served under /facilitator), and with the Settle contracts the
 * `channel` scheme (state beside the provenance tables in `databasePath`) and its claimer, which claims as the
 * relayer: the relayer is the payee of the server's own paid routes.
 *
 * @example
 * const payments = await startPayments({ chain, databasePath: 'rightflow.db', log })
 */
export async function startPayments({
  chain,
  databasePath,
  config = {},
  log,
}: {
  chain: ChainContext
  databasePath: string
  config?: Partial<PaymentsConfig> | undefined
  log: Logger
}): Promise<Payments> {
  const settings = { ...defaultPaymentsConfig, ...config }
  const network: Network = `eip155:${chain.chainId}`
  const token = chain.rights?.paymentToken
  const relayer = chain.walletClient.account?.address
  const facilitator = createFacilitator({
    publicClient: chain.publicClient,
    walletClient: chain.walletClient,
    assets: token ? [token] : [],
    paymentChannels: chain.payments?.paymentChannels,
    // The paid route's terms (app.ts, paidContentOptions): the relayer is its payee.
    relayPolicy: {
      ownRoutes:
        token && relayer ? [{ network, asset: token, payTo: relayer, amount: settings.contentPrice }] : [],
      payees: settings.facilitatorPayees,
    },
  })
  const schemes: PaymentSchemeRegistration[] = [exactEvmScheme(network)]
  let channels: ChannelPayments | undefined
  if (chain.payments && token) {
    const store = new SqliteChannelStore(databasePath)
    const scheme = new ChannelScheme({
      store,
      publicClient: chain.publicClient,
      channels: chain.payments.paymentChannels,
      asset: token,
      minDeposit: settings.minDeposit,
      onError: (error) =>
        log.warn(`channel payment: ${error instanceof Error ? error.message : String(error)}`),
    })
    const claimer = new ChannelClaimer({
      store,
      publicClient: chain.publicClient,
      walletClient: chain.walletClient,
      network,
      channels: chain.payments.paymentChannels,
      minUnclaimed: settings.claimMinUnclaimed,
      maxAgeMs: settings.claimMaxAgeMs,
      pollMs: settings.claimPollMs,
      log,
    })
    schemes.push({ network, server: scheme })
    channels = { store, scheme, claimer }
  }
  let royalties: Payments['royalties']
  if (chain.rights) {
    const ledger = new SqliteRoyaltyLedger(databasePath, network)
    const forwarder = new RoyaltyForwarder({
      ledger,
      publicClient: chain.publicClient,
      walletClient: chain.walletClient,
      rights: chain.rights,
      minAmount: settings.royaltyMinForward,
      log,
    })
    royalties = { ledger, forwarder }
  }
  return {
    facilitator,
    network,
    schemes,
    config: settings,
    channels,
    royalties,
    tokenDomain: token ? await tokenDomainOf(chain, token) : undefined,
    start() {
      channels?.claimer.start()
      royalties?.forwarder.start(settings.claimPollMs)
    },
    async close() {
      await channels?.claimer.stop()
      await royalties?.forwarder.stop()
      await channels?.store.close()
      await royalties?.ledger.close()
    },
  }
}

const domainAbi = parseAbi([
  'function eip712Domain() view returns (bytes1, string, string, uint256, address, bytes32, uint256[])',
  'function name() view returns (string)',
])

/** The token's EIP-712 name and version (ERC-5267; else its name and version "1"). */
async function tokenDomainOf(
  chain: ChainContext,
  token: Address,
): Promise<{ name: string; version: string }> {
  const read = { address: token, abi: domainAbi } as const
  try {
    const [, name, version] = await chain.publicClient.readContract({ ...read, functionName: 'eip712Domain' })
    return { name, version }
  } catch {
    return { name: await chain.publicClient.readContract({ ...read, functionName: 'name' }), version: '1' }
  }
}
