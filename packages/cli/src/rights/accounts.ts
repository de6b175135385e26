import { type Address, getAddress, isAddress } from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { findKey, listKeys } from '../keys/keyStore.js'

/** An account given as an address or as the name of one of your keys (`--by buyer`). */
export async function resolveAccount(ctx: CliContext, flag: string, text: string): Promise<Address> {
  if (isAddress(text, { strict: false })) return getAddress(text)
  const key = (await listKeys(ctx.keysDir)).find((k) => k.name === text)
  if (!key) throw new CliError(`${flag} "${text}" is neither an address nor the name of one of your keys`)
  return key.address
}

/** The address of the chosen key, read from its keystore: no passphrase needed to look something up. */
export async function keyAddress(ctx: CliContext, keyOption: string | undefined): Promise<Address> {
  return (await findKey(ctx.keysDir, keyOption)).address
}
