import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { decryptKeystore, encryptKeystore, InvalidKeystoreError, WrongPassphraseError } from '../src/index.js'

describe('keystores', () => {
  it('round-trip a key and never store it in the clear', async () => {
    const privateKey = generatePrivateKey()
    const keystore = await encryptKeystore({ privateKey, passphrase: 'correct horse', scryptN: 1 << 12 })
    expect(JSON.stringify(keystore)).not.toContain(privateKey.slice(2))
    expect(`0x${keystore.address}`).toBe(privateKeyToAddress(privateKey).toLowerCase())
    expect(await decryptKeystore({ keystore, passphrase: 'correct horse' })).toBe(privateKey)
  })

  it('refuse a wrong passphrase, a tampered ciphertext and an unsupported format', async () => {
    const keystore = await encryptKeystore({
      privateKey: generatePrivateKey(),
      passphrase: 'a',
      scryptN: 1 << 12,
    })
    await expect(decryptKeystore({ keystore, passphrase: 'b' })).rejects.toThrow(WrongPassphraseError)
    const flipped = {
      ...keystore,
      crypto: { ...keystore.crypto, ciphertext: `ff${keystore.crypto.ciphertext.slice(2)}` },
    }
    await expect(decryptKeystore({ keystore: flipped, passphrase: 'a' })).rejects.toThrow(
      WrongPassphraseError,
    )
    await expect(
      decryptKeystore({ keystore: { ...keystore, version: 1 as 3 }, passphrase: 'a' }),
    ).rejects.toThrow(InvalidKeystoreError)
  })
})
