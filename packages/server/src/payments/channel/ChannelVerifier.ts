import { type ChannelRoyalty, recoverVoucherSigner, royaltyMatches } from '@rightflow/sdk'
import type { Address, PublicClient } from 'viem'
import { RecentMap } from '../RecentMap.js'
import type {
  ChannelRef,
  ChannelState,
  ChannelStore,
  ChargeFields,
  HeldVoucher,
  OnChainChannel,
} from './ChannelStore.js'
import { type ChannelReason, channelReasons } from './channelReasons.js'
import { KeyedMutex } from './KeyedMutex.js'
import { readChannel } from './readChannel.js'

/** One paid call on a channel, as the route prices it. */
export type ChargeRequest = {
  ref: ChannelRef
  chainId: number
  voucher: HeldVoucher
  /** The price of the call, in token units. */
  price: bigint
  payTo: Address
  royalty: ChannelRoyalty | null
}

/** A charge that was made: enough to undo it exactly. */
export type ChargeReceipt = {
  request: ChargeRequest
  state: ChannelState
}

export type ChargeOutcome =
  | { ok: true; receipt: ChargeReceipt }
  | { ok: false; reason: ChannelReason; state?: ChannelState | undefined }

/** Compare-and-set retries before giving up (only another process writing the same channel makes one fail). */
const maxAttempts = 8
/** Channels whose state is remembered between calls. */
const remembered = 10_000

/**
 * The verification rules of the `channel` scheme (docs/channel-scheme.md): a voucher is checked against the
 * stored channel without a chain call, except the first time a channel is seen and when a voucher is above the
 * deposit known so far (a top-up). The charge is serialised per channel in this process and made by
 * compare-and-set in the store, so a voucher's credit is spent once however many requests and instances race.
 *
 * @example
 * const verifier = new ChannelVerifier({ store, publicClient })
 * const outcome = await verifier.charge(request) // before the handler
 * if (outcome.ok && handlerFailed) await verifier.undo(outcome.receipt)
 */
export class ChannelVerifier {
  readonly #store: ChannelStore
  readonly #publicClient: PublicClient
  readonly #now: () => number
  readonly #mutex = new KeyedMutex()
  readonly #reads = new Map<string, Promise<OnChainChannel | undefined>>()
  /**
   * The last state of each channel this process read or wrote (the most recent `remembered`), so a steady stream
   * of vouchers reads nothing: a charge computed from a remembered state is written by compare-and-set on the
   * charge fields and on the channel being open, so if any other writer changed the channel the write fails and
   * the state is read afresh. A refusal is never made on a remembered state alone.
   */
  readonly #known = new RecentMap<string, ChannelState>(remembered)

  constructor({
    store,
    publicClient,
    now = Date.now,
  }: { store: ChannelStore; publicClient: PublicClient; now?: () => number }) {
    this.#store = store
    this.#publicClient = publicClient
    this.#now = now
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const { ref, voucher } = request
    let state = this.#known.get(keyOf(ref))
    // A refusal is made on what the store says now, never on memory alone.
    if (!state || refusal(state, request)) state = await this.#read(ref)
    if (!state) {
      // Channels that pay someone else are not worth a row: refuse them before anything is stored.
      const read = await this.#refresh(ref, request.payTo)
      if (read === 'unavailable') return { ok: false, reason: channelReasons.chainUnavailable }
      if (read === 'elsewhere') return { ok: false, reason: channelReasons.wrongPayee }
      if (!read) return { ok: false, reason: channelReasons.unknown }
      state = read
    }
    const refused = refusal(state, request)
    if (refused) return { ok: false, reason: refused, state }
    // Recovery is the expensive step (~80 µs native); it needs only immutable channel fields, so no lock.
    const signer = recoverVoucherSigner(
      { channelId: ref.channelId, cumulativeAmount: voucher.amount },
      voucher.signature,
      { chainId: request.chainId, channels: ref.channels },
    )
    if (!signer || signer !== state.voucherSigner.toLowerCase())
      return { ok: false, reason: channelReasons.invalidSignature }
    if (voucher.amount > state.deposit) {
      // Perhaps topped up since we last looked: read once more (any close request is seen too).
      const read = await this.#refresh(ref)
      if (read === 'unavailable') return { ok: false, reason: channelReasons.chainUnavailable }
      if (read && read !== 'elsewhere') state = read
      const again = refusal(state, request)
      if (again) return { ok: false, reason: again, state }
      if (voucher.amount > state.deposit) return { ok: false, reason: channelReasons.aboveDeposit, state }
    }
    const seen = state
    return this.#mutex.run(keyOf(ref), () => this.#charge(request, seen))
  }

  /** Gives back a charge whose call failed: the payer keeps the credit and may send the same voucher again. */
  async undo({ request }: ChargeReceipt): Promise<void> {
    const { ref, price } = request
    await this.#mutex.run(keyOf(ref), async () => {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const state = await this.#read(ref)
        if (!state || state.charged < price) return
        const next: ChargeFields = { accepted: state.accepted, charged: state.charged - price }
        if (await this.#store.compareAndSetCharge(ref, fieldsOf(state), next, this.#now())) {
          this.#remember({ ...state, ...next })
          return
        }
      }
      this.#forget(ref)
      throw new Error(`could not undo a charge on channel ${ref.channelId}: too much contention`)
    })
  }

  /**
   * The stored state, after recording what the chain says now: undefined for no such channel, 'elsewhere' for a
   * channel paying someone other than `payTo` (not stored), 'unavailable' when the chain did not answer.
   */
  async #refresh(
    ref: ChannelRef,
    payTo?: Address,
  ): Promise<ChannelState | undefined | 'elsewhere' | 'unavailable'> {
    const key = keyOf(ref)
    let read = this.#reads.get(key)
    if (!read) {
      read = readChannel(this.#publicClient, ref.channels, ref.channelId).finally(() =>
        this.#reads.delete(key),
      )
      this.#reads.set(key, read)
    }
    let chain: OnChainChannel | undefined
    try {
      chain = await read
    } catch {
      return 'unavailable'
    }
    if (!chain) return undefined
    if (payTo && chain.payee.toLowerCase() !== payTo.toLowerCase()) return 'elsewhere'
    return this.#remember(await this.#store.saveChainView(ref, chain))
  }

  /** The store's state of a channel, remembered. */
  async #read(ref: ChannelRef): Promise<ChannelState | undefined> {
    const state = await this.#store.getChannel(ref)
    if (state) this.#remember(state)
    else this.#forget(ref)
    return state
  }

  /** Forgets what this process remembers of a channel: its next charge reads the store. */
  #forget(ref: ChannelRef): void {
    this.#known.delete(keyOf(ref))
  }

  #remember(state: ChannelState): ChannelState {
    return this.#known.set(keyOf(state), state)
  }

  /**
   * The compare-and-set loop. Its first attempt starts from `seen`, the state the checks above used (remembered,
   * or read before the lock): if anything changed the channel since, the compare fails and the loop reads afresh.
   * A refusal is only ever made on a read inside the lock: outside it, an undo in between could make a good
   * voucher look short.
   */
  async #charge(
    { ref, voucher, price, ...request }: ChargeRequest,
    seen: ChannelState,
  ): Promise<ChargeOutcome> {
    let state: ChannelState | undefined = seen
    let fresh = false
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) {
        state = await this.#read(ref)
        fresh = true
      }
      if (!state) return { ok: false, reason: channelReasons.unknown }
      const refused = chargeRefusal(state, { ref, voucher, price, ...request })
      if (refused && fresh) return { ok: false, reason: refused, state }
      if (refused) continue
      const charged = state.charged + price
      const accepted = state.accepted && state.accepted.amount >= voucher.amount ? state.accepted : voucher
      const next: ChargeFields = { accepted, charged }
      const expected = { ...fieldsOf(state), open: true }
      if (await this.#store.compareAndSetCharge(ref, expected, next, this.#now()))
        return {
          ok: true,
          receipt: {
            request: { ref, voucher, price, ...request },
            state: this.#remember({ ...state, ...next }),
          },
        }
    }
    this.#forget(ref)
    return { ok: false, reason: channelReasons.unavailable }
  }
}

/** The checks on the channel itself (rule 2), which no voucher can fix. */
function refusal(state: ChannelState, { payTo, royalty }: ChargeRequest): ChannelReason | undefined {
  if (state.payee.toLowerCase() !== payTo.toLowerCase()) return channelReasons.wrongPayee
  if (!royaltyMatches(royalty, state)) return channelReasons.royaltyMismatch
  if (state.closed || state.closeRequestedAt !== 0) return channelReasons.closing
  return undefined
}

/** Why this voucher cannot pay for this call on the channel as it stands, if it cannot. */
function chargeRefusal(state: ChannelState, request: ChargeRequest): ChannelReason | undefined {
  const { voucher, price } = request
  const refused = refusal(state, request)
  if (refused) return refused
  if (voucher.amount > state.deposit) return channelReasons.aboveDeposit
  if (state.accepted && voucher.amount < state.accepted.amount) return channelReasons.stale
  if (voucher.amount - state.charged < price) return channelReasons.insufficient
  return undefined
}

function fieldsOf(state: ChannelState): ChargeFields {
  return { accepted: state.accepted, charged: state.charged }
}

function keyOf(ref: ChannelRef): string {
  return `${ref.network}:${ref.channels}:${ref.channelId}`.toLowerCase()
}
