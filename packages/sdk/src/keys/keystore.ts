import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  randomUUID,
  scrypt,
  timingSafeEqual,
} from 'node:crypto'
import { type Hex, isHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { BaseError } from '../errors/BaseError.js'
import { bytesToHex, hexToBytes } from '../hash/hexBytes.js'
import { keccak256Bytes } from '../hash/keccak256.js'

/** An encrypted key in the Web3 Secret Storage v3 format (what geth, ethers and Foundry read). */
export type Keystore = {
  version: 3
  id: string
  address: string
  crypto: {
    cipher: 'aes-128-ctr'
    cipherparams: { iv: string }
    ciphertext: string
    kdf: 'scrypt'
    kdfparams: { n: number; r: number; p: number; dklen: 32; salt: string }
    mac: string
  }
}

export class WrongPassphraseError extends BaseError {
  override name = 'WrongPassphraseError'
  constructor() {
    super('Wrong passphrase for this key.', { code: 'wrong_passphrase' })
  }
}

export class InvalidKeystoreError extends BaseError {
  override name = 'InvalidKeystoreError'
  constructor(reason: string) {
    super(`Not a readable keystore: ${reason}`, { code: 'invalid_keystore' })
  }
}

/** scrypt cost; 2^17 takes about a quarter of a second here, the usual trade-off for interactive use. */
export const defaultScryptN = 1 << 17

function deriveKey(passphrase: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFKC'),
      salt,
      32,
      { N: n, r, p, maxmem: 256 * n * r + (1 << 20) },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  )
}

function mac(derived: Buffer, ciphertext: Buffer): Buffer {
  return Buffer.from(keccak256Bytes(Buffer.concat([derived.subarray(16, 32), ciphertext])))
}

/**
 * Encrypts a private key under a passphrase (scrypt + AES-128-CTR + keccak MAC).
 *
 * @example
 * const keystore = await encryptKeystore({ privateKey, passphrase })
 */
export async function encryptKeystore({
  privateKey,
  passphrase,
  scryptN = defaultScryptN,
}: {
  privateKey: Hex
  passphrase: string
  scryptN?: number
}): Promise<Keystore> {
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const derived = await deriveKey(passphrase, salt, scryptN, 8, 1)
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(privateKey)), cipher.final()])
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams: { n: scryptN, r: 8, p: 1, dklen: 32, salt: salt.toString('hex') },
      mac: mac(derived, ciphertext).toString('hex'),
    },
  }
}

/**
 * Decrypts a keystore; throws {@link WrongPassphraseError} when the MAC does not match.
 *
 * @example
 * const privateKey = await decryptKeystore({ keystore, passphrase })
 */
export async function decryptKeystore({
  keystore,
  passphrase,
}: {
  keystore: Keystore
  passphrase: string
}): Promise<Hex> {
  const c = keystore?.crypto
  if (keystore?.version !== 3 || c?.kdf !== 'scrypt' || c.cipher !== 'aes-128-ctr')
    throw new InvalidKeystoreError('only version 3 scrypt/aes-128-ctr keystores are supported')
  const { n, r, p, salt } = c.kdfparams
  if (n > 1 << 20 || r > 16 || p > 4)
    throw new InvalidKeystoreError('scrypt parameters are implausibly large')
  const derived = await deriveKey(passphrase, Buffer.from(salt, 'hex'), n, r, p)
  const ciphertext = Buffer.from(c.ciphertext, 'hex')
  const expected = Buffer.from(c.mac, 'hex')
  const actual = mac(derived, ciphertext)
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw new WrongPassphraseError()
  const decipher = createDecipheriv(
    'aes-128-ctr',
    derived.subarray(0, 16),
    Buffer.from(c.cipherparams.iv, 'hex'),
  )
  const privateKey = bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]))
  if (!isHex(privateKey) || privateKey.length !== 66)
    throw new InvalidKeystoreError('decrypted key has the wrong length')
  return privateKey
}
