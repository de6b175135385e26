import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto'
import type { X509Certificate } from '@peculiar/x509'
import { InvalidSignerError } from './errors.js'
import { toPem } from './pem.js'

/** Node's WebCrypto, passed explicitly to @peculiar/x509 so no global provider has to be set. */
export const crypto = webcrypto

const p256 = { name: 'ECDSA', namedCurve: 'P-256' } as const
/** ECDSA with SHA-256: the certificate signature algorithm C2PA lists for P-256 keys. */
export const es256Signing = { name: 'ECDSA', hash: 'SHA-256' } as const

/** A fresh, extractable P-256 key pair. */
export function generateP256(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(p256, true, ['sign', 'verify'])
}

/** A PKCS#8 PEM private key, as the other PEM tools expect. */
export async function exportPrivateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return toPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)), 'PRIVATE KEY')
}

/** An issuing certificate and its key (PKCS#8 or SEC1 PEM), checked to be a P-256 pair. */
export async function importIssuer(ca: {
  certificatePem: string
  privateKeyPem: string
}): Promise<{ certificate: X509Certificate; key: webcrypto.CryptoKey }> {
  try {
    // node:crypto reads either PEM form; WebCrypto wants PKCS#8.
    const der = createPrivateKey(ca.privateKeyPem).export({ type: 'pkcs8', format: 'der' })
    const key = await crypto.subtle.importKey('pkcs8', der, p256, false, ['sign'])
    const { X509Certificate } = await loadX509()
    return { certificate: new X509Certificate(ca.certificatePem), key }
  } catch (cause) {
    throw new InvalidSignerError('the CA certificate or key cannot be read as a P-256 pair', cause)
  }
}

/** A positive 16-byte serial number in hex (RFC 5280 allows up to 20 octets). */
export function randomSerial(): string {
  const bytes = randomBytes(16)
  bytes[0]! &= 0x7f
  return bytes.toString('hex')
}

/** Starts a few minutes in the past so a slightly slow clock elsewhere does not see it as not yet valid. */
export function validity(validityDays: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now()
  return { notBefore: new Date(now - 5 * 60_000), notAfter: new Date(now + validityDays * 86_400_000) }
}

/**
 * @peculiar/x509, loaded on first use: it needs a Reflect metadata shim installed first, which should
 * not happen merely because an application imported the SDK.
 */
export function loadX509(): Promise<typeof import('./x509.js')> {
  return import('./x509.js')
}
