import { aiUses, type Hex, type LicenseTerms } from '@rightflow/sdk'
import { createWalletClient, http, type LocalAccount, parseEther, type WalletClient } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { DevChain } from './devChain.js'

/** A fresh account with 10 ETH for gas on the dev chain, and a wallet client for it. */
export async function fundedActor(
  chain: DevChain,
): Promise<{ account: LocalAccount; walletClient: WalletClient }> {
  const account = privateKeyToAccount(generatePrivateKey())
  await chain.publicClient.request({
    method: 'anvil_setBalance' as never,
    params: [account.address, `0x${parseEther('10').toString(16)}`] as never,
  })
  const walletClient = createWalletClient({
    chain: chain.walletClient.chain,
    transport: http(chain.rpcUrl),
    account,
  })
  return { account, walletClient }
}

/** Terms allowing every use at `price` (payment-token units), derivatives at `bps`, no expiry. */
export function openTerms(price: bigint, bps = 1_000, overrides: Partial<LicenseTerms> = {}): LicenseTerms {
  const uses = Object.fromEntries(
    aiUses.map((use) => [use, { allowed: true, price }]),
  ) as LicenseTerms['uses']
  return {
    uses,
    commercialUse: true,
    derivativesAllowed: true,
    derivativeRevenueShareBps: bps,
    attributionRequired: true,
    expiresAt: 0,
    transferable: true,
    ...overrides,
  }
}

export const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 1e6))

export type { Hex }
