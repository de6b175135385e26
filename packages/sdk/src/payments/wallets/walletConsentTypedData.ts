import { type Address, type Hex, hashTypedData } from 'viem'
import { type AgentWalletsDomain, agentWalletsDomain } from './agentPaymentTypedData.js'

/**
 * An agent key's consent to a wallet owned by `owner` (`createWallet`): without it anyone could create the
 * agent's wallet first and take its owner's top-ups. It names the owner, so it serves no one else, and serves at
 * most once (an agent has one wallet, ever); after `deadline` (unix seconds, chain time) it is refused.
 */
export type WalletConsent = {
  agent: Address
  owner: Address
  deadline: bigint
}

/** EIP-712 types of a wallet consent, as `IAgentWallets` declares them. */
export const walletConsentTypes = {
  WalletConsent: [
    { name: 'agent', type: 'address' },
    { name: 'owner', type: 'address' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/**
 * The digest an agent signs to consent to its wallet, equal to the contract's `consentDigest`.
 *
 * @example
 * walletConsentDigest({ agent, owner, deadline }, { chainId, agentWallets: contracts.agentWallets })
 */
export function walletConsentDigest(consent: WalletConsent, domain: AgentWalletsDomain): Hex {
  return hashTypedData({
    domain: agentWalletsDomain(domain),
    types: walletConsentTypes,
    primaryType: 'WalletConsent',
    message: consent,
  })
}
