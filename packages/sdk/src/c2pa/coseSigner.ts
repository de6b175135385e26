import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  X509Certificate as NodeX509,
  sign,
} from 'node:crypto'
import { type CborValue, cborHeadLength, encodeCbor } from './cbor.js'
import { InvalidSignerError } from './errors.js'
import { pemBlocks } from './pem.js'

/** A PEM certificate chain (signing certificate first) and its PKCS#8 P-256 private key. */
export type C2paSigner = { chainPem: string; privateKeyPem: string }

/** What c2pa-wasm's `Builder.sign` takes as a signer (its `SignerDefinition`). */
export type SignerDefinition = {
  alg: 'es256'
  reserveSize: number
  sign: (claimBytes: Uint8Array) => Promise<Uint8Array<ArrayBuffer>>
}

// COSE labels (RFC 9052, RFC 9360) and ES256's algorithm id.
const algLabel = 1
const x5chainLabel = 33
const es256 = -7

/**
 * A c2pa-wasm signer over a PEM chain and key. c2pa-wasm hands the callback the raw claim and wants the
 * whole COSE_Sign1 back ("direct COSE handling"), exactly `reserveSize` bytes long: the space it left
 * for the signature box before hashing the asset. An ES256 signature in IEEE P1363 form is always 64
 * bytes, so the size is known before signing; `extraReserve` only exists to exercise the padding.
 *
 * @example
 * const signer = createCoseSigner({ chainPem, privateKeyPem })
 * await builder.sign(signer, [], 'image/jpeg', toBlob(bytes))
 */
export function createCoseSigner(
  { chainPem, privateKeyPem }: C2paSigner,
  { extraReserve = 0 }: { extraReserve?: number } = {},
): SignerDefinition {
  const certificates = pemBlocks(chainPem, 'CERTIFICATE')
  const key = signingKey(certificates, privateKeyPem)
  // RFC 9360: one certificate is a bare byte string, several an array, signer first.
  const chain: CborValue = certificates.length === 1 ? certificates[0]! : certificates
  const protectedHeader = encodeCbor({
    pairs: [
      [algLabel, es256],
      [x5chainLabel, chain],
    ],
  })
  const reserveSize = coseSign1(protectedHeader, [], new Uint8Array(64)).length + extraReserve
  return {
    alg: 'es256',
    reserveSize,
    async sign(claimBytes) {
      // Sig_structure for a detached payload (RFC 9052 §4.4): the claim is signed but not repeated.
      const toBeSigned = encodeCbor(['Signature1', protectedHeader, new Uint8Array(0), claimBytes])
      const signature = sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' })
      return padTo(reserveSize, protectedHeader, new Uint8Array(signature)) as Uint8Array<ArrayBuffer>
    },
  }
}

function coseSign1(
  protectedHeader: Uint8Array,
  unprotected: (readonly [string, CborValue])[],
  signature: Uint8Array,
): Uint8Array {
  return encodeCbor({ tag: 18, value: [protectedHeader, { pairs: unprotected }, null, signature] })
}

/**
 * Fills the unprotected header with zero bytes under "pad" (and "pad2" when one entry cannot land on
 * the exact size, as c2pa-rs does) until the COSE_Sign1 is `size` bytes.
 */
function padTo(size: number, protectedHeader: Uint8Array, signature: Uint8Array): Uint8Array {
  const bare = coseSign1(protectedHeader, [], signature)
  const missing = size - bare.length
  if (missing === 0) return bare
  const padKey = 1 + 'pad'.length
  const padFor = (bytes: number) => {
    for (let n = Math.max(0, bytes - padKey - 9); n <= bytes - padKey - 1; n++)
      if (padKey + cborHeadLength(n) + n === bytes) return n
    return undefined
  }
  const single = padFor(missing)
  if (single !== undefined) return coseSign1(protectedHeader, [['pad', new Uint8Array(single)]], signature)
  // "pad2" with an empty byte string takes 6 bytes; the rest then always fits one "pad".
  const rest = padFor(missing - 6)
  if (rest === undefined) throw new InvalidSignerError(`cannot pad the signature to ${size} bytes`)
  return coseSign1(
    protectedHeader,
    [
      ['pad', new Uint8Array(rest)],
      ['pad2', new Uint8Array(0)],
    ],
    signature,
  )
}

/** The P-256 key, checked against the signing certificate so a mismatch fails here, not at validation. */
function signingKey(certificates: Uint8Array[], privateKeyPem: string): KeyObject {
  const [leaf] = certificates
  if (!leaf) throw new InvalidSignerError('the chain has no PEM CERTIFICATE block')
  let key: KeyObject
  let certificate: NodeX509
  try {
    key = createPrivateKey(privateKeyPem)
    certificate = new NodeX509(leaf)
  } catch (cause) {
    throw new InvalidSignerError('the key or the signing certificate cannot be parsed', cause)
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new InvalidSignerError('the private key must be an EC P-256 key (ES256)')
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' })
  if (!spki(createPublicKey(key)).equals(spki(certificate.publicKey)))
    throw new InvalidSignerError('the private key does not match the first certificate of the chain')
  checkProfile(certificate)
  return key
}

/** The EKUs c2pa-rs accepts by default for a signing certificate (its valid_eku_oids list). */
const signingEkus = [
  '1.3.6.1.5.5.7.3.4', // id-kp-emailProtection
  '1.3.6.1.5.5.7.3.36', // id-kp-documentSigning
  '1.3.6.1.5.5.7.3.8', // id-kp-timeStamping
  '1.3.6.1.5.5.7.3.9', // id-kp-OCSPSigning
  '1.3.6.1.4.1.311.76.59.1.9', // Microsoft C2PA signing
]

/**
 * The checks of C2PA's certificate profile that people get wrong most, made here so the error names
 * the problem; c2pa-wasm would otherwise fail the signing with a dump of validation results.
 */
function checkProfile(certificate: NodeX509): void {
  if (certificate.ca)
    throw new InvalidSignerError('the signing certificate is a CA; C2PA needs an end-entity certificate')
  const now = Date.now()
  if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo))
    throw new InvalidSignerError(
      `the signing certificate is valid from ${certificate.validFrom} to ${certificate.validTo}, not now`,
    )
  if (!certificate.keyUsage?.some((eku) => signingEkus.includes(eku)))
    throw new InvalidSignerError(
      'the signing certificate has no extended key usage C2PA accepts (emailProtection or documentSigning)',
    )
}
