import {
  channelAccountOf,
  formatUsd,
  type PaymentChannel,
  reclaimChannel,
  requestChannelClose,
  requestWalletChannelClose,
  withdrawChannel,
} from '@rightflow/sdk'
import { type Address, type Hex, isAddressEqual } from 'viem'
import { CliError } from '../cliError.js'
import { formatTime } from '../rights/format.js'
import type { PaymentsSession, PaymentsWallet } from './session.js'

/** The agent whose wallet funded a channel (its channel account is the payer), or undefined for a plain one. */
export async function walletAgentOf(
  session: PaymentsSession,
  channel: PaymentChannel,
): Promise<Address | undefined> {
  const account = await channelAccountOf({
    publicClient: session.publicClient,
    contracts: session.payments,
    agent: channel.voucherSigner,
  })
  return isAddressEqual(account, channel.payer) ? channel.voucherSigner : undefined
}

export type CloseStep =
  | { step: 'requested'; challengeEndsAt: number; txHash: Hex }
  | { step: 'withdrawn'; refunded: bigint; reclaimed: bigint | undefined; txHash: Hex }
  | { step: 'reclaimed'; reclaimed: bigint; txHash: Hex }

/**
 * The payer's next step out of a channel: ask to close (through the agent wallet for a wallet channel); once
 * the challenge period is over, refund the payer and, for a wallet channel, credit the refund to the wallet.
 * During the challenge it refuses with the time it ends, since the payee may still claim until then.
 */
export async function closeStep(
  session: PaymentsWallet,
  channel: PaymentChannel,
  agent: Address | undefined,
  now: number,
): Promise<CloseStep> {
  const call = { ...session, contracts: session.payments, channelId: channel.channelId }
  if (channel.state === 'open') {
    const requested = agent ? await requestWalletChannelClose(call) : await requestChannelClose(call)
    return { step: 'requested', ...requested }
  }
  if (channel.state === 'closing') {
    const endsAt = channel.challengeEndsAt!
    if (now < endsAt)
      throw new CliError(
        `the challenge period of channel ${channel.channelId} runs until ${formatTime(endsAt)}: the payee may ` +
          'still claim until then; run `rightflow channel close` again after it',
        1,
        'challenge_period_active',
      )
    const withdrawn = await withdrawChannel(call)
    const reclaimed = agent ? (await reclaimChannel(call)).refunded : undefined
    return { step: 'withdrawn', refunded: withdrawn.refunded, reclaimed, txHash: withdrawn.txHash }
  }
  // Closed already: a wallet channel may still owe its wallet the refund (reclaim pays it once, then nothing).
  if (agent) {
    const reclaimed = await reclaimChannel(call)
    if (reclaimed.refunded > 0n)
      return { step: 'reclaimed', reclaimed: reclaimed.refunded, txHash: reclaimed.txHash }
  }
  throw new CliError(`channel ${channel.channelId} is already closed`, 1, 'channel_closed')
}

/** What a close step did, in one sentence. */
export function describeStep(step: CloseStep, channel: PaymentChannel, agent: Address | undefined): string {
  const usd = (units: bigint) => `${formatUsd(units)} USD`
  const payer = agent ? `the agent wallet of ${agent}` : channel.payer
  if (step.step === 'requested')
    return (
      `Asked to close channel ${channel.channelId}: the payee may still claim until ${formatTime(step.challengeEndsAt)}; ` +
      `run \`rightflow channel close ${channel.channelId}\` again after that to get the rest (${usd(channel.remaining)} now) back`
    )
  if (step.step === 'withdrawn')
    return `Closed channel ${channel.channelId}: ${usd(step.refunded)} refunded to ${payer}`
  return `Credited ${usd(step.reclaimed)} from closed channel ${channel.channelId} back to ${payer}`
}
