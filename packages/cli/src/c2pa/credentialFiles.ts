import { createPrivateKey } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CliError } from '../cliError.js'
import { readPassphrase } from '../keys/passphrase.js'

/** Where Content Credentials material lives under RIGHTFLOW_HOME. Private keys are encrypted PKCS#8. */
export function credentialPaths(home: string) {
  const dir = join(home, 'c2pa')
  return {
    dir,
    caCertificate: join(dir, 'ca.cert.pem'),
    caKey: join(dir, 'ca.key.pem'),
    signerChain: join(dir, 'signer.chain.pem'),
    signerKey: join(dir, 'signer.key.pem'),
  }
}

/** Encrypts a PKCS#8 private key with the passphrase (AES-256-CBC, PBES2) before it touches the disk. */
export async function writePrivateKey(path: string, privateKeyPem: string): Promise<void> {
  const passphrase = await readPassphrase()
  const encrypted = createPrivateKey(privateKeyPem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase,
  })
  await writeNew(path, encrypted.toString(), 0o600)
}

export async function readPrivateKey(path: string): Promise<string> {
  const encrypted = await readFile(path, 'utf8').catch(() => {
    throw new CliError(`no key at ${path}`)
  })
  try {
    return createPrivateKey({ key: encrypted, passphrase: await readPassphrase() })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
  } catch {
    throw new CliError(`wrong passphrase for ${path}`)
  }
}

/** Writes a file that must not exist yet: credentials are never overwritten silently. */
export async function writeNew(path: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 })
  try {
    await writeFile(path, text, { flag: 'wx', mode })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(`${path} already exists; move it away first to replace it`)
    throw error
  }
}
