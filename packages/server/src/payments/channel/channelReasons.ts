/**
 * Why a `channel` payment was refused: the `error` of the 402's PAYMENT-REQUIRED and the problem `code`.
 * Stable: clients branch on them (see docs/channel-scheme.md).
 */
export const channelReasons = {
  malformed: 'malformed_payment',
  requirementsMismatch: 'requirements_mismatch',
  unknown: 'channel_unknown',
  wrongPayee: 'channel_wrong_payee',
  royaltyMismatch: 'channel_royalty_mismatch',
  closing: 'channel_closing',
  invalidSignature: 'invalid_voucher_signature',
  aboveDeposit: 'voucher_above_deposit',
  stale: 'voucher_stale',
  insufficient: 'voucher_insufficient',
  /** The chain did not answer while the channel was read for the first time; nothing was charged. */
  chainUnavailable: 'chain_unavailable',
  /** The server could not record the charge (its store failed); nothing was charged. */
  unavailable: 'channel_store_unavailable',
} as const

export type ChannelReason = (typeof channelReasons)[keyof typeof channelReasons]

/** One line for people, per reason (the problem's `title`). */
export const channelReasonTitles: Record<string, string> = {
  [channelReasons.unknown]: 'No such payment channel on this chain and channel contract.',
  [channelReasons.wrongPayee]: 'The channel pays someone other than this resource’s payee.',
  [channelReasons.royaltyMismatch]:
    'The channel’s royalty (asset and share) is not the one this resource asks for.',
  [channelReasons.closing]: 'The channel is closed or its payer asked to close it; open a new one.',
  [channelReasons.invalidSignature]:
    'The voucher is not signed by the channel’s voucher key for this chain and contract.',
  [channelReasons.aboveDeposit]: 'The voucher is for more than the channel holds; top it up first.',
  [channelReasons.stale]:
    'A larger voucher was already accepted on this channel; see the server’s view in PAYMENT-REQUIRED.',
  [channelReasons.insufficient]:
    'The voucher does not cover this call on top of what was already charged; see the server’s view in PAYMENT-REQUIRED.',
  [channelReasons.unavailable]: 'The server could not record the payment; nothing was charged. Try again.',
}

/** Reasons whose 402 carries the server's view of the channel, so the client can resync. */
export const correctiveReasons: ReadonlySet<string> = new Set([
  channelReasons.stale,
  channelReasons.insufficient,
])
