import type { Address, Hex, LocalAccount } from 'viem'
import { type AgentWalletsDomain, agentWalletsDomain } from './agentPaymentTypedData.js'
import { type WalletConsent, walletConsentTypes } from './walletConsentTypedData.js'

export type SignWalletConsentParameters = {
  /** The agent key whose wallet it will be. */
  account: LocalAccount
  domain: AgentWalletsDomain
  /** Who will own the wallet: the only account that can create it with this consent. */
  owner: Address
  /** Unix seconds (chain time) after which the consent is refused (`consent_expired`). */
  deadline: bigint
}

export type SignWalletConsentReturnType = { consent: WalletConsent; signature: Hex }

/**
 * The agent key consents, off chain, to a wallet owned by `owner`; the owner passes it to createAgentWallet. No
 * gas, no chain call.
 *
 * @example
 * const consent = await signWalletConsent({ account: agent, domain: { chainId, agentWallets }, owner, deadline })
 * await createAgentWallet({ publicClient, walletClient: ownerClient, contracts, agent: agent.address, policy, consent })
 */
export async function signWalletConsent({
  account,
  domain,
  owner,
  deadline,
}: SignWalletConsentParameters): Promise<SignWalletConsentReturnType> {
  const consent: WalletConsent = { agent: account.address, owner, deadline }
  const signature = await account.signTypedData({
    domain: agentWalletsDomain(domain),
    types: walletConsentTypes,
    primaryType: 'WalletConsent',
    message: consent,
  })
  return { consent, signature }
}
