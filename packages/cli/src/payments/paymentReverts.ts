import { formatUsd, tokenIdToAssetId } from '@rightflow/sdk'
import { formatTime, percentOfBps } from '../rights/format.js'

const usd = (units: unknown) => `${formatUsd(BigInt(units as bigint))} USD`
const time = (seconds: unknown) => formatTime(Number(seconds))

/** What a person should read for each revert of the Settle contracts (arguments as the contract gives them). */
export const paymentReverts: Record<string, (args: readonly unknown[]) => string> = {
  // Payment channels
  ChannelExists: ([id]) => `channel ${id} already exists: open it with another salt`,
  UnknownChannel: ([id]) => `there is no channel ${id}`,
  ChannelClosed: ([id]) => `channel ${id} is closed`,
  NotPayer: ([id, caller]) => `only the payer of channel ${id} can do this, not ${caller}`,
  NotPayee: ([id, caller]) => `only the payee of channel ${id} can claim from it, not ${caller}`,
  InvalidVoucher: ([id]) => `the voucher for channel ${id} is not signed by its voucher key`,
  VoucherAboveDeposit: ([id, amount, deposit]) =>
    `a voucher for ${usd(amount)} is above the ${usd(deposit)} deposited in channel ${id}`,
  ClaimAboveVoucher: ([id, total, amount]) =>
    `a claim of ${usd(total)} in total from channel ${id} is above its voucher's ${usd(amount)}`,
  InvalidRoyalty: ([asset, bps]) =>
    Number(bps) > 10_000
      ? `a royalty share of ${percentOfBps(Number(bps))} is above 100%`
      : `${tokenIdToAssetId(BigInt(asset as bigint))} is not an IP asset: a royalty goes to an asset's vault`,
  ChallengePeriodActive: ([id, endsAt]) =>
    `the challenge period of channel ${id} runs until ${time(endsAt)}: the payee may still claim until then`,
  CloseNotRequested: ([id]) => `nobody asked to close channel ${id} yet: \`rightflow channel close\` does`,
  DepositTooLarge: ([deposit]) => `a deposit of ${usd(deposit)} is too large for a channel`,
  // Agent wallets
  WalletExists: ([agent]) => `${agent} already has an agent wallet`,
  UnknownWallet: ([agent]) => `${agent} has no agent wallet: \`rightflow agent wallet create\` makes one`,
  NotOwner: ([agent, caller]) => `only the owner of ${agent}'s wallet can do this, not ${caller}`,
  InvalidPolicy: ([reason]) => `the contract refused the policy: ${reason}`,
  WalletPaused: ([agent]) =>
    `the agent wallet of ${agent} is paused: \`rightflow agent wallet resume\` resumes it`,
  PayeeNotAllowed: ([agent, payee]) =>
    `${payee} is not on the allow-list of ${agent}'s wallet: \`rightflow agent wallet policy set --allow ${payee}\``,
  OverMaxPerPayment: ([amount, max]) =>
    `${usd(amount)} is over the wallet's maximum per payment of ${usd(max)}`,
  OverBudget: ([amount, remaining]) =>
    `over budget: ${usd(amount)} is more than the ${usd(remaining)} the wallet may still spend this period`,
  InsufficientBalance: ([amount, balance]) =>
    `the agent wallet holds ${usd(balance)}, less than ${usd(amount)}: \`rightflow agent wallet topup\` adds funds`,
  PaymentExpired: ([deadline]) => `the signed payment expired at ${time(deadline)}`,
  NonceUsed: ([agent, nonce]) => `the payment ${nonce} of ${agent} was already made`,
  NotChannelOfWallet: ([id]) => `channel ${id} was not funded from an agent wallet`,
  ChannelsNotApproved: ([channels]) =>
    `an agent wallet funds channels only on the PaymentChannels it was deployed with, not ${channels}`,
  ConsentExpired: ([deadline]) =>
    `the agent's consent expired at ${time(deadline)}: \`rightflow agent wallet consent\` signs a new one`,
  ZeroAddress: () => 'the address cannot be the zero address',
  // Streams
  UnknownStream: ([id]) => `there is no stream ${id}`,
  StreamCancelled: ([id]) => `stream ${id} was cancelled`,
  NotSender: ([id, caller]) => `only the sender of stream ${id} can do this, not ${caller}`,
  NotRecipient: ([id, caller]) => `only the recipient of stream ${id} can withdraw from it, not ${caller}`,
  NotParty: ([id, caller]) => `only the sender or the recipient of stream ${id} can cancel it, not ${caller}`,
  OverWithdrawable: ([amount, withdrawable]) =>
    `${usd(amount)} is more than the ${usd(withdrawable)} accrued so far`,
  AmountTooLarge: ([amount]) => `${usd(amount)} is too large for one stream or escrow`,
  // Escrow
  UnknownEscrow: ([id]) => `there is no escrow ${id}`,
  DeadlineNotInFuture: ([deadline]) => `the deadline ${time(deadline)} is not in the future`,
  NotPayerOrArbiter: ([id, caller]) =>
    `only the payer or the arbiter of escrow ${id} can release it, not ${caller}`,
  OverRemaining: ([amount, remaining]) => `${usd(amount)} is more than the ${usd(remaining)} left in escrow`,
  DeadlinePassed: ([id, deadline]) =>
    `the deadline of escrow ${id} passed at ${time(deadline)}: it can only be refunded now (\`rightflow escrow refund ${id}\`)`,
  DeadlineNotPassed: ([id, deadline]) => `escrow ${id} can be refunded from ${time(deadline)}, not before`,
  AlreadyRefunded: ([id]) => `escrow ${id} was already refunded`,
  InvalidReceipt: ([id]) => `the receipt is not signed by the payer of escrow ${id}`,
  ReceiptUsed: () => 'this receipt was already used',
}
