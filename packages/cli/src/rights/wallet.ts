import { createWalletClient, http, type LocalAccount, type WalletClient } from 'viem'
import type { CliContext } from '../context.js'
import { findKey, type KeyEntry, unlockKey } from '../keys/keyStore.js'
import { openRights, type RightsSession } from './session.js'

/** A rights session with a decrypted key to sign and send from. */
export type WalletSession = RightsSession & {
  key: KeyEntry
  account: LocalAccount
  walletClient: WalletClient
}

/** Decrypts the chosen key (`--key`, else the only key or "default") into a wallet client on the RPC. */
export async function openWallet(ctx: CliContext, keyOption: string | undefined): Promise<WalletSession> {
  // The key is found before the chain is touched, so a missing key is reported without a network round trip.
  const key = await findKey(ctx.keysDir, keyOption)
  const session = await openRights(ctx)
  const account = await unlockKey(key)
  const walletClient = createWalletClient({
    account,
    chain: session.chain,
    transport: http(session.rpcUrl, { retryCount: 0, timeout: 60_000 }),
  })
  return { ...session, key, account, walletClient }
}
