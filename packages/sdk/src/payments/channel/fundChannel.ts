import { type Address, type PublicClient, type WalletClient, zeroAddress } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import type { BaseError } from '../../errors/BaseError.js'
import { RegistryRevertError } from '../../errors/chainErrors.js'
import type { ChannelRoyalty } from '../channels/channelRoyalty.js'
import { openChannel } from '../channels/openChannel.js'
import { topUpChannel } from '../channels/topUpChannel.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { OverBudgetError, PayeeNotAllowedError, PaymentFailedError } from '../paymentErrors.js'
import { openChannelFromWallet } from '../wallets/openChannelFromWallet.js'
import { readAgentWallet } from '../wallets/readAgentWallet.js'
import type { ClientChannel } from './ChannelBook.js'

export type Funding = {
  publicClient: PublicClient
  /** Sends the transactions (the payer, or the agent key). */
  walletClient: WalletClient
  channels: Address
  token: Address
  /** Open from this AgentWallets contract's wallet of the agent key, instead of from the account's tokens. */
  agentWallets?: Address | undefined
}

type OpenRequest = { payee: Address; royalty: ChannelRoyalty | null; deposit: bigint; minimum: bigint }

/**
 * Opens a channel for a paying client: from the account (approving exactly the deposit), or from the agent's
 * wallet, whose policy the contract enforces. With a wallet the deposit is lowered to what the policy still
 * allows, but never below `minimum` (the server's minimum and the price): then it is refused as over budget.
 */
export async function openClientChannel(funding: Funding, request: OpenRequest): Promise<ClientChannel> {
  const { publicClient, walletClient, agentWallets } = funding
  const contracts = contractsOf(funding)
  const royalty = request.royalty ?? undefined
  try {
    if (agentWallets) {
      const agent = walletClient.account!.address
      const wallet = await readAgentWallet({ publicClient, contracts, agent })
      if (!wallet)
        throw new OverBudgetError(
          request.minimum,
          0n,
          `the agent ${agent} may spend (it has no agent wallet)`,
        )
      const cap = minOf(wallet.spendable, wallet.policy.maxPerPayment)
      const deposit = minOf(request.deposit, cap)
      if (deposit < request.minimum) {
        if (wallet.policy.paused)
          throw new OverBudgetError(request.minimum, 0n, 'its agent wallet may spend while paused')
        throw new OverBudgetError(request.minimum, cap, 'its agent wallet may still put into a channel')
      }
      const opened = await openChannelFromWallet({
        publicClient,
        walletClient,
        contracts,
        payee: request.payee,
        deposit,
        ...(royalty ? { royalty } : {}),
      })
      // The wallet makes the agent key the voucher signer.
      return { ...fresh(opened.channelId, opened.channelAccount, true, deposit), voucherSigner: agent }
    }
    // A key of the channel's own signs its vouchers: fast, and worth no more than this channel's deposit.
    const voucherKey = generatePrivateKey()
    const voucherSigner = privateKeyToAddress(voucherKey)
    const opened = await openChannel({
      publicClient,
      walletClient,
      contracts,
      payee: request.payee,
      deposit: request.deposit,
      voucherSigner,
      ...(royalty ? { royalty } : {}),
    })
    const payer = walletClient.account!.address
    return { ...fresh(opened.channelId, payer, false, request.deposit), voucherSigner, voucherKey }
  } catch (error) {
    throw asPaymentError(error, request)
  }
}

/** Adds `amount` to a channel the account funds itself; returns the new deposit. */
export async function topUpClientChannel(
  funding: Funding,
  channel: ClientChannel,
  amount: bigint,
): Promise<bigint> {
  try {
    const { deposit } = await topUpChannel({
      publicClient: funding.publicClient,
      walletClient: funding.walletClient,
      contracts: contractsOf(funding),
      channelId: channel.channelId,
      amount,
    })
    return deposit
  } catch (error) {
    throw asPaymentError(error, { payee: zeroAddress, minimum: amount })
  }
}

function fresh(
  channelId: ClientChannel['channelId'],
  payer: Address,
  fromAgentWallet: boolean,
  deposit: bigint,
): Omit<ClientChannel, 'voucherSigner'> {
  return { channelId, payer, fromAgentWallet, deposit, signed: 0n, signature: undefined, spent: 0n }
}

/** Only the addresses these calls use; the others are never touched. */
function contractsOf({ channels, token, agentWallets }: Funding): PaymentContracts {
  return {
    paymentChannels: channels,
    paymentToken: token,
    agentWallets: agentWallets ?? zeroAddress,
    streams: zeroAddress,
    escrow: zeroAddress,
  }
}

function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

/** The wallet's refusals as the paying fetch's own error codes; anything else as payment_failed. */
function asPaymentError(error: unknown, { payee, minimum }: { payee: Address; minimum: bigint }): BaseError {
  if (error instanceof OverBudgetError || error instanceof PayeeNotAllowedError) return error
  if (error instanceof RegistryRevertError) {
    const [amount, limit] = error.args as [bigint?, bigint?]
    switch (error.errorName) {
      case 'PayeeNotAllowed':
        return new PayeeNotAllowedError(payee, error)
      case 'WalletPaused':
        return new OverBudgetError(minimum, 0n, 'its agent wallet may spend while paused', error)
      case 'OverMaxPerPayment':
        return new OverBudgetError(
          amount ?? minimum,
          limit ?? 0n,
          'its agent wallet allows per payment',
          error,
        )
      case 'OverBudget':
        return new OverBudgetError(amount ?? minimum, limit ?? 0n, 'its agent wallet may still spend', error)
      case 'InsufficientBalance':
        return new OverBudgetError(amount ?? minimum, limit ?? 0n, 'its agent wallet holds', error)
      case 'ERC20InsufficientBalance': {
        const [, balance, needed] = error.args as [Address, bigint, bigint]
        return new OverBudgetError(needed, balance, 'the payer holds', error)
      }
    }
  }
  return new PaymentFailedError(error)
}
