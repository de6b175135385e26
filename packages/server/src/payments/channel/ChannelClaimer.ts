import { claimChannels, paymentChannelsAbi, RegistryRevertError } from '@rightflow/sdk'
import type { Network } from '@x402/core/types'
import { type Address, type Hex, type PublicClient, type WalletClient, zeroAddress } from 'viem'
import { type Logger, silentLogger } from '../../logger.js'
import { repeat } from '../repeat.js'
import type { ChannelRef, ChannelState, ChannelStore } from './ChannelStore.js'
import { readChannel } from './readChannel.js'

export type ChannelClaimerOptions = {
  store: ChannelStore
  publicClient: PublicClient
  /** The payee: claims are sent from its account. */
  walletClient: WalletClient
  network: Network
  /** The PaymentChannels contract. */
  channels: Address
  /** Claim a channel once this much (token units) is charged and not yet claimed… */
  minUnclaimed: bigint
  /** …or once its oldest unclaimed charge is this old (ms). Channels whose payer asked to close: at once. */
  maxAgeMs: number
  /** How often `start` looks (ms). */
  pollMs: number
  /** Most vouchers per claim transaction. */
  maxBatch?: number | undefined
  log?: Logger | undefined
  now?: (() => number) | undefined
}

export type ClaimReport = { channels: number; total: bigint; transactions: Hex[] }

/** Channel events that change what the server must know: close requests, top-ups, closes. */
const watched = new Set(['CloseRequested', 'ChannelToppedUp', 'ChannelClosedOut'])
const blocksPerQuery = 2_000n
/** Channels dropped from a batch whose simulation they made revert, before giving up on the batch. */
const maxDrops = 16

/**
 * Turns what a resource server charged into money: one `claim` transaction that brings many channels' claimed
 * totals up to what each was charged, each under the largest voucher its payer sent (a voucher is a ceiling: a
 * payer who signs far more than it uses still pays exactly for the calls it was served, and never more). A
 * channel is claimed when its unclaimed charges or their age cross a threshold, and at once when its payer asked
 * to close (before the challenge period ends and it could withdraw). The state is the store's, so charges made
 * before a restart are claimed after it. It follows
 * the channel contract's events from a persisted block cursor (close requests, top-ups, closes) and re-reads
 * the channels they name; on its first run it re-reads every open channel instead. Claimed amounts are stored.
 *
 * @example
 * const claimer = new ChannelClaimer({ store, publicClient, walletClient, network, channels, minUnclaimed: 1_000_000n, maxAgeMs: 3_600_000, pollMs: 5_000 })
 * claimer.start()
 */
export class ChannelClaimer {
  readonly #o: ChannelClaimerOptions
  readonly #log: Logger
  readonly #now: () => number
  #loop: ReturnType<typeof repeat> | undefined
  #running: Promise<ClaimReport> | undefined

  constructor(options: ChannelClaimerOptions) {
    this.#o = options
    this.#log = options.log ?? silentLogger
    this.#now = options.now ?? Date.now
  }

  get payee(): Address {
    const account = this.#o.walletClient.account
    if (!account) throw new Error('The claimer needs a wallet client with the payee account.')
    return account.address
  }

  /** Claims what is due every `pollMs` until stopped. */
  start(): void {
    this.#loop ??= repeat(
      () => this.tick(),
      this.#o.pollMs,
      (error) =>
        this.#log.warn(
          `channel claims: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        ),
    )
  }

  async stop(): Promise<void> {
    await this.#loop?.stop()
    this.#loop = undefined
    await this.#running?.catch(() => {})
  }

  /** One round: follow the chain, then claim what is due. One round at a time. */
  tick({ all = false }: { all?: boolean } = {}): Promise<ClaimReport> {
    this.#running ??= this.#tick(all).finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #tick(all: boolean): Promise<ClaimReport> {
    await this.#follow()
    const now = this.#now()
    const due = (await this.#o.store.listClaimable(this.#query()))
      .filter((c) => all || this.#isDue(c, now))
      .sort((a, b) => Number(b.closeRequestedAt !== 0) - Number(a.closeRequestedAt !== 0))
    const report: ClaimReport = { channels: 0, total: 0n, transactions: [] }
    const size = this.#o.maxBatch ?? 100
    for (let i = 0; i < due.length; i += size) await this.#claim(due.slice(i, i + size), report)
    return report
  }

  #isDue(channel: ChannelState, now: number): boolean {
    if (channel.closeRequestedAt !== 0) return true
    const unclaimed = channel.charged - channel.claimed
    if (unclaimed >= this.#o.minUnclaimed) return true
    return channel.unclaimedSince !== undefined && now - channel.unclaimedSince >= this.#o.maxAgeMs
  }

  async #claim(batch: ChannelState[], report: ClaimReport): Promise<void> {
    const { publicClient, walletClient, channels, store } = this.#o
    let pending = batch
    for (let drops = 0; pending.length > 0 && drops <= maxDrops; drops++) {
      // The store never records a charge its accepted voucher does not cover, so `accepted` is set here.
      const claims = pending.map((c) => ({
        channelId: c.channelId,
        cumulativeAmount: c.accepted!.amount,
        claimTotal: c.charged,
        signature: c.accepted!.signature,
      }))
      try {
        const contracts = {
          paymentChannels: channels,
          paymentToken: zeroAddress,
          agentWallets: zeroAddress,
          streams: zeroAddress,
          escrow: zeroAddress,
        }
        const { total, txHash } = await claimChannels({ publicClient, walletClient, contracts, claims })
        for (const c of pending) await store.markClaimed(this.#ref(c.channelId), c.charged)
        report.channels += pending.length
        report.total += total
        report.transactions.push(txHash)
        this.#log.info(`claimed ${total} from ${pending.length} channel(s) in ${txHash}`)
        return
      } catch (error) {
        // A channel that closed (or otherwise changed) makes the whole batch revert: re-read it and go on without it.
        const culprit = culpritOf(error)
        if (!culprit || !pending.some((c) => c.channelId === culprit)) throw error
        await this.#refresh(culprit as Hex)
        this.#log.warn(
          `channel ${culprit} cannot be claimed (${(error as RegistryRevertError).errorName}); skipped`,
        )
        pending = pending.filter((c) => c.channelId !== culprit)
      }
    }
  }

  /** Applies the channel events since the cursor; the first time, re-reads every open channel. */
  async #follow(): Promise<void> {
    const { publicClient, channels, store } = this.#o
    const cursorKey = `claimer:${this.#o.network}:${channels.toLowerCase()}:block`
    // Uncached: a block number remembered from a moment ago would hide the latest events until next time.
    const latest = await publicClient.getBlockNumber({ cacheTime: 0 })
    const saved = await store.getMeta(cursorKey)
    if (saved === undefined) {
      for (const channel of await store.listOpen(this.#query())) await this.#refresh(channel.channelId)
      await store.setMeta(cursorKey, latest.toString())
      return
    }
    for (let from = BigInt(saved) + 1n; from <= latest; from += blocksPerQuery) {
      const to = from + blocksPerQuery - 1n < latest ? from + blocksPerQuery - 1n : latest
      const events = await publicClient.getContractEvents({
        address: channels,
        abi: paymentChannelsAbi,
        fromBlock: from,
        toBlock: to,
      })
      const touched = new Set<Hex>()
      for (const event of events)
        if (watched.has(event.eventName) && 'channelId' in event.args)
          touched.add(event.args.channelId as Hex)
      for (const channelId of touched)
        if (await store.getChannel(this.#ref(channelId))) await this.#refresh(channelId)
      await store.setMeta(cursorKey, to.toString())
    }
  }

  async #refresh(channelId: Hex): Promise<void> {
    const chain = await readChannel(this.#o.publicClient, this.#o.channels, channelId)
    if (chain) await this.#o.store.saveChainView(this.#ref(channelId), chain)
  }

  #ref(channelId: Hex): ChannelRef {
    return { network: this.#o.network, channels: this.#o.channels, channelId }
  }

  #query() {
    return { network: this.#o.network, channels: this.#o.channels, payee: this.payee }
  }
}

/** The channel a claim revert names (every channel error carries its id first). */
function culpritOf(error: unknown): string | undefined {
  if (!(error instanceof RegistryRevertError)) return undefined
  const [first] = error.args
  return typeof first === 'string' && /^0x[0-9a-fA-F]{64}$/.test(first) ? first.toLowerCase() : undefined
}
