import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Address, decryptKeystore, type Keystore } from '@rightflow/sdk'
import { getAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { CliError } from '../cliError.js'
import { readPassphrase } from './passphrase.js'

export type KeyEntry = { name: string; address: Address; path: string }

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/

export function checkKeyName(name: string): void {
  if (!namePattern.test(name)) throw new CliError(`key name "${name}" must be 1-64 letters, digits, - or _`)
}

/** Every key in the keys folder, by name. */
export async function listKeys(keysDir: string): Promise<KeyEntry[]> {
  const files = await readdir(keysDir).catch(() => [] as string[])
  const entries: KeyEntry[] = []
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const path = join(keysDir, file)
    const keystore = JSON.parse(await readFile(path, 'utf8')) as Keystore
    entries.push({ name: file.slice(0, -5), address: getAddress(`0x${keystore.address}`), path })
  }
  return entries
}

/** Writes a new keystore; refuses to overwrite one (a lost key cannot be recovered). */
export async function saveKey(keysDir: string, name: string, keystore: Keystore): Promise<string> {
  checkKeyName(name)
  await mkdir(keysDir, { recursive: true, mode: 0o700 })
  const path = join(keysDir, `${name}.json`)
  try {
    await writeFile(path, `${JSON.stringify(keystore, null, 2)}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(`a key named "${name}" already exists`)
    throw error
  }
  return path
}

/** Finds a key by name or address: the only key when there is one, else the one named "default". */
export async function findKey(keysDir: string, nameOrAddress: string | undefined): Promise<KeyEntry> {
  const keys = await listKeys(keysDir)
  if (keys.length === 0) throw new CliError('no keys yet: run `rightflow keys create` first')
  const wanted = nameOrAddress ?? process.env.RIGHTFLOW_KEY
  const key = wanted
    ? keys.find((k) => k.name === wanted || k.address.toLowerCase() === wanted.toLowerCase())
    : keys.length === 1
      ? keys[0]
      : keys.find((k) => k.name === 'default')
  if (!key)
    throw new CliError(wanted ? `no key "${wanted}"` : 'several keys and none named "default": pass --key')
  return key
}

/** Decrypts a key into a signing account. */
export async function unlockKey(key: KeyEntry) {
  const keystore = JSON.parse(await readFile(key.path, 'utf8')) as Keystore
  const privateKey = await decryptKeystore({ keystore, passphrase: await readPassphrase() })
  return privateKeyToAccount(privateKey)
}
