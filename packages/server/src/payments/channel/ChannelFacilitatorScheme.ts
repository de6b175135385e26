import { channelScheme } from '@rightflow/sdk'
import type {
  Network,
  PaymentRequirements,
  SchemeNetworkFacilitator,
  SettleResponse,
  VerifyResponse,
} from '@x402/core/types'
import type { Address } from 'viem'

/** The reason this stub gives: channel payments never reach a facilitator. */
export const channelAtResourceServer = 'channel_checked_by_resource_server'

/**
 * The facilitator's entry for `channel`: it lists the scheme in /supported (an x402 resource server refuses
 * routes whose scheme its facilitator does not list) and names the channel contract, but refuses to verify or
 * settle. Only the resource server holds what a voucher is checked against (what it accepted and charged), and
 * the payee claims in batches with its own key; a stateless "valid" here would let a replayed voucher through.
 *
 * @example
 * facilitator.register('eip155:8453', new ChannelFacilitatorScheme(paymentChannels))
 */
export class ChannelFacilitatorScheme implements SchemeNetworkFacilitator {
  readonly scheme = channelScheme
  readonly caipFamily = 'eip155:*'

  constructor(readonly channels: Address) {}

  getExtra(_network: Network): Record<string, unknown> {
    return { channels: this.channels }
  }

  getSigners(_network: string): string[] {
    return []
  }

  async verify(): Promise<VerifyResponse> {
    return {
      isValid: false,
      invalidReason: channelAtResourceServer,
      invalidMessage: 'Channel vouchers are checked by the resource server that holds the channel’s state.',
    }
  }

  async settle(_payload: unknown, requirements: PaymentRequirements): Promise<SettleResponse> {
    return {
      success: false,
      errorReason: channelAtResourceServer,
      errorMessage: 'Channel payments are claimed in batches by the payee, not settled per request.',
      transaction: '',
      network: requirements.network,
    }
  }
}
