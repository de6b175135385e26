import type { Network } from '@x402/core/types'
import type { Address, Hex } from 'viem'

/** A channel on one chain and one channel contract (channel ids are unique only within a contract). */
export type ChannelRef = { network: Network; channels: Address; channelId: Hex }

/** What `IPaymentChannels.channelOf` says. */
export type OnChainChannel = {
  payer: Address
  payee: Address
  voucherSigner: Address
  deposit: bigint
  claimed: bigint
  /** Unix seconds; zero when no close was requested. */
  closeRequestedAt: number
  closed: boolean
  royaltyAsset: bigint
  royaltyBps: number
}

/** A signed cumulative amount. */
export type HeldVoucher = { amount: bigint; signature: Hex }

/**
 * The resource server's view of a channel: what the chain said when last read, and what it has accepted and
 * charged since. What it may claim is `charged`, under `accepted` (a claim takes any total up to the voucher it
 * carries), so a payer who signs more than it uses still pays exactly what it was served.
 */
export type ChannelState = ChannelRef &
  OnChainChannel & {
    /** The largest voucher accepted (undefined before the first): it covers every charge. */
    accepted: HeldVoucher | undefined
    /** What was served and not undone: what the payee claims. Never above `accepted`. */
    charged: bigint
    /** When the oldest charge not yet claimed was made (ms since epoch); undefined when nothing is owed. */
    unclaimedSince: number | undefined
  }

/** The charge-related fields, as one compare-and-set writes them. */
export type ChargeFields = Pick<ChannelState, 'accepted' | 'charged'>

/**
 * What a compare-and-set expects to find: the charge fields as last seen and, with `open`, a channel with no close
 * requested and not closed, so that a charge made from a remembered state never lands on a channel some other
 * writer has since recorded as closing.
 */
export type ChargeExpectation = ChargeFields & { open?: boolean | undefined }

/** What the claimer looks for. */
export type ClaimableQuery = { network: Network; channels: Address; payee: Address }

/**
 * Where the resource server keeps channel state. Every charge is a compare-and-set, so two requests (or two
 * server instances) can never both spend the same credit; the state survives restarts.
 */
export interface ChannelStore {
  getChannel(ref: ChannelRef): Promise<ChannelState | undefined>

  /**
   * Records what the chain says: inserts the channel with nothing accepted or charged, or refreshes the
   * chain's fields of a known one (`claimed` never goes down). Returns the stored state.
   */
  saveChainView(ref: ChannelRef, chain: OnChainChannel): Promise<ChannelState>

  /**
   * Writes `next` only if the charge fields are still exactly `expected` (and, with `expected.open`, the channel
   * is still open); false (and nothing written) when another writer got there first. `at` (ms) starts
   * `unclaimedSince` when `charged` rises above what was claimed. Refuses (throws) a charge that `accepted`
   * does not cover: every charge must be claimable.
   */
  compareAndSetCharge(
    ref: ChannelRef,
    expected: ChargeExpectation,
    next: ChargeFields,
    at: number,
  ): Promise<boolean>

  /** Records that the chain has `claimed` in total (never lowers it). */
  markClaimed(ref: ChannelRef, claimed: bigint): Promise<void>

  /** Channels of this payee, not closed, charged above what was claimed. */
  listClaimable(query: ClaimableQuery): Promise<ChannelState[]>

  /** Channels of this payee not known to be closed. */
  listOpen(query: ClaimableQuery): Promise<ChannelState[]>

  /** A small named value (the claimer's event cursor). */
  getMeta(key: string): Promise<string | undefined>
  setMeta(key: string, value: string): Promise<void>

  close(): Promise<void>
}
