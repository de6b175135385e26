import type {
  PaymentPayloadResult,
  PaymentRequirements,
  SchemeClientHooks,
  SchemeNetworkClient,
} from '@x402/core/types'
import type { Address, LocalAccount } from 'viem'
import { PaymentFailedError } from '../paymentErrors.js'
import { ChannelBook, type ClientChannel } from './ChannelBook.js'
import { type ChannelExtra, channelScheme, parseChannelExtra, parseServerView } from './channelWire.js'
import { type Funding, openClientChannel, topUpClientChannel } from './fundChannel.js'
import { recoverVoucherSigner, signVoucher, signVoucherWithKey } from './voucher.js'

export type ChannelClientSchemeParameters = Omit<Funding, 'token'> & {
  /**
   * The payer, or the agent key when `agentWallets` is given (which then signs the vouchers: a wallet's channels
   * name the agent as their voucher signer). A channel the account funds itself gets a voucher key of its own.
   */
  account: LocalAccount
  /** Token units put into a new channel (raised to the server's `minDeposit` and the price), and per top-up. */
  deposit: bigint
  /** A JSON file keeping the channels across restarts (written atomically); in memory only when absent. */
  statePath?: string | undefined
}

/** Reasons after which a fresh attempt can succeed once the client has corrected its view. */
const corrective = new Set(['voucher_stale', 'voucher_insufficient'])

/**
 * The client side of x402's `channel` scheme (docs/channel-scheme.md). Per (network, channel contract, payee,
 * royalty) it keeps one channel: it opens one when it has none, from the account or from the agent's wallet;
 * tops it up (or, from a wallet, opens another) when the next call would exceed the deposit; and signs a
 * cumulative voucher per call, `spent + price`, never below the largest it signed (with the channel's own key when
 * it chose one: libsecp256k1, ~0.1 ms). On a corrective 402 it takes
 * the server's `charged` and `accepted` only up to what it can prove it signed, and asks for one retry. A call
 * that failed without a charge gives its price back. Deposits go only to the channel contract it was given,
 * whatever a server names.
 *
 * @example
 * const scheme = new ChannelClientScheme({ account, publicClient, walletClient, channels, deposit: 1_000_000n })
 * new x402Client().register('eip155:8453', scheme)
 */
export class ChannelClientScheme implements SchemeNetworkClient {
  readonly scheme = channelScheme
  readonly schemeHooks: SchemeClientHooks
  readonly #options: ChannelClientSchemeParameters
  readonly #loading: Promise<ChannelBook>
  #book: ChannelBook | undefined
  /** One open, top-up or voucher at a time per channel key; other keys proceed. */
  readonly #queues = new Map<string, Promise<unknown>>()

  /** Channels kept at `statePath` are loaded on first use. */
  constructor(options: ChannelClientSchemeParameters) {
    this.#options = options
    this.#loading = ChannelBook.open(options.statePath)
    // A file that cannot be read fails the first payment, not the process.
    this.#loading.catch(() => {})
    this.schemeHooks = {
      onPaymentResponse: async ({ paymentPayload, requirements, settleResponse, paymentRequired }) => {
        if (requirements.scheme !== this.scheme) return
        const recovered = await this.#onResponse(
          requirements,
          paymentPayload.payload.channelId as string,
          settleResponse?.success === true,
          paymentRequired,
        )
        return recovered ? { recovered: true } : undefined
      },
    }
  }

  /** The PaymentChannels contract deposits go to. */
  get channels(): Address {
    return this.#options.channels
  }

  /** True when `requirements` are this scheme's, for the channel contract this client deposits into. */
  accepts(requirements: PaymentRequirements): boolean {
    const extra = requirements.scheme === this.scheme ? parseChannelExtra(requirements.extra) : undefined
    return extra !== undefined && extra.channels.toLowerCase() === this.channels.toLowerCase()
  }

  /** The channel used for these requirements, if one is open (a copy). */
  async channelFor(requirements: PaymentRequirements): Promise<ClientChannel | undefined> {
    const extra = parseChannelExtra(requirements.extra)
    const channel = extra && (await this.#ready()).get(keyOf(requirements, extra))
    return channel && { ...channel }
  }

  async createPaymentPayload(
    x402Version: number,
    requirements: PaymentRequirements,
  ): Promise<PaymentPayloadResult> {
    const extra = parseChannelExtra(requirements.extra)
    if (!extra || !this.accepts(requirements))
      throw new PaymentFailedError(new Error(`not a channel payment into ${this.channels}`))
    const price = BigInt(requirements.amount)
    const key = keyOf(requirements, extra)
    const book = await this.#ready()
    const voucher = await this.#serial(key, async () => {
      let channel = book.get(key) ?? (await this.#open(requirements, extra, price))
      const target = channel.spent + price
      if (target > channel.deposit) channel = await this.#replenish(key, channel, requirements, extra, target)
      const next = channel.spent + price
      if (next > channel.signed || !channel.signature) {
        const voucher = { channelId: channel.channelId, cumulativeAmount: next }
        const domain = domainOf(requirements, extra)
        channel.signature = channel.voucherKey
          ? signVoucherWithKey(channel.voucherKey, voucher, domain)
          : await signVoucher({ account: this.#options.account, domain, voucher })
        channel.signed = next
      }
      channel.spent = next
      book.set(key, channel)
      return {
        channelId: channel.channelId,
        cumulativeAmount: channel.signed.toString(),
        signature: channel.signature,
      }
    })
    // Not awaited: a lost write only costs a corrective round trip (see ChannelBook).
    book.save().catch(() => {})
    return { x402Version, payload: voucher }
  }

  /** Waits until every channel change so far is on disk. */
  async flush(): Promise<void> {
    await (await this.#ready()).save()
  }

  async #open(requirements: PaymentRequirements, extra: ChannelExtra, price: bigint): Promise<ClientChannel> {
    const minimum = maxOf(BigInt(extra.minDeposit), price)
    const channel = await openClientChannel(this.#funding(requirements), {
      payee: requirements.payTo as Address,
      royalty: extra.royalty,
      deposit: maxOf(this.#options.deposit, minimum),
      minimum,
    })
    await this.#persist(keyOf(requirements, extra), channel)
    return channel
  }

  /** Room for `target`: a top-up of the account's channel, or a new channel from the wallet (it cannot top up). */
  async #replenish(
    key: string,
    channel: ClientChannel,
    requirements: PaymentRequirements,
    extra: ChannelExtra,
    target: bigint,
  ): Promise<ClientChannel> {
    if (channel.fromAgentWallet) return this.#open(requirements, extra, BigInt(requirements.amount))
    const amount = maxOf(this.#options.deposit, target - channel.deposit)
    channel.deposit = await topUpClientChannel(this.#funding(requirements), channel, amount)
    await this.#persist(key, channel)
    return channel
  }

  /** Corrects the view after a paid request; true when a fresh attempt is worth making. */
  async #onResponse(
    requirements: PaymentRequirements,
    channelId: string,
    charged: boolean,
    paymentRequired: { error?: string | undefined; accepts: PaymentRequirements[] } | undefined,
  ): Promise<boolean> {
    if (charged) return false
    const extra = parseChannelExtra(requirements.extra)
    if (!extra) return false
    const key = keyOf(requirements, extra)
    const price = BigInt(requirements.amount)
    const book = await this.#ready()
    return this.#serial(key, async () => {
      const channel = book.get(key)
      if (!channel || channel.channelId.toLowerCase() !== channelId.toLowerCase()) return false
      const reason = paymentRequired?.error
      if (reason === 'channel_closing') {
        // Closed or closing on chain: the next payment opens a new channel.
        book.delete(key)
        await book.save()
        return true
      }
      if (
        reason &&
        corrective.has(reason) &&
        this.#resync(channel, requirements, extra, paymentRequired!.accepts)
      )
        return true
      // Refused (with a view it cannot trust, or for another reason), or failed without a charge (the server
      // undoes it): the price is unspent.
      channel.spent = channel.spent >= price ? channel.spent - price : 0n
      return false
    })
  }

  /** Takes the server's view, trusting `accepted` only with our own signature and `charged` only up to it. */
  #resync(
    channel: ClientChannel,
    requirements: PaymentRequirements,
    extra: ChannelExtra,
    accepts: PaymentRequirements[],
  ): boolean {
    const view = accepts
      .filter((r) => r.scheme === this.scheme && r.network === requirements.network)
      .map((r) => parseServerView(r.extra))
      .find((v) => v?.channelId.toLowerCase() === channel.channelId.toLowerCase())
    if (!view) return false
    const accepted = BigInt(view.accepted)
    if (accepted > channel.signed) {
      const signer =
        view.signature &&
        recoverVoucherSigner(
          { channelId: channel.channelId, cumulativeAmount: accepted },
          view.signature,
          domainOf(requirements, extra),
        )
      if (signer !== channel.voucherSigner.toLowerCase()) return false
      channel.signed = accepted
      channel.signature = view.signature
    }
    const charged = BigInt(view.charged)
    if (charged > channel.signed) return false
    channel.spent = charged
    return true
  }

  async #persist(key: string, channel: ClientChannel): Promise<void> {
    const book = await this.#ready()
    book.set(key, channel)
    await book.save()
  }

  async #ready(): Promise<ChannelBook> {
    this.#book ??= await this.#loading
    return this.#book
  }

  #funding(requirements: PaymentRequirements): Funding {
    const { publicClient, walletClient, channels, agentWallets } = this.#options
    return { publicClient, walletClient, channels, token: requirements.asset as Address, agentWallets }
  }

  async #serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve()
    const current = previous.then(task, task)
    const tail = current.catch(() => {})
    this.#queues.set(key, tail)
    try {
      return await current
    } finally {
      if (this.#queues.get(key) === tail) this.#queues.delete(key)
    }
  }
}

/** One channel per network, contract, payee and royalty. */
function keyOf(requirements: PaymentRequirements, extra: ChannelExtra): string {
  const royalty = extra.royalty ? `${extra.royalty.assetId}:${extra.royalty.bps}` : 'none'
  return [requirements.network, extra.channels, requirements.payTo, royalty].join('|').toLowerCase()
}

function domainOf(requirements: PaymentRequirements, extra: ChannelExtra) {
  return { chainId: Number(requirements.network.split(':')[1]), channels: extra.channels }
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}
