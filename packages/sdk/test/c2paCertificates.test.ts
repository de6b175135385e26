import { generateKeyPairSync, X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCoseSigner } from '../src/c2pa/coseSigner.js'
import {
  type CertificateAuthority,
  type CreatorCertificate,
  createCertificateAuthority,
  documentSigningEku,
  InvalidSignerError,
  issueCreatorCertificate,
} from '../src/index.js'

const emailProtection = '1.3.6.1.5.5.7.3.4'
const pems = (chain: string) =>
  chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []

let ca: CertificateAuthority
let creator: CreatorCertificate
beforeAll(async () => {
  ca = await createCertificateAuthority({ name: 'Rightflow Test CA', validityDays: 30 })
  creator = await issueCreatorCertificate({ ca, subjectName: 'Alice Example', validityDays: 7 })
})

describe('createCertificateAuthority', () => {
  it('test_createCertificateAuthority_isASelfSignedP256RootCa', () => {
    const root = new X509Certificate(ca.certificatePem)
    expect(root.ca).toBe(true)
    expect(root.subject).toBe('CN=Rightflow Test CA\nO=Rightflow Test CA')
    expect(root.checkIssued(root)).toBe(true)
    expect(root.verify(root.publicKey)).toBe(true)
    expect(root.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
  })

  it('test_createCertificateAuthority_validityFollowsValidityDays', () => {
    const root = new X509Certificate(ca.certificatePem)
    const days = (Date.parse(root.validTo) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThan(30.1)
  })
})

describe('issueCreatorCertificate', () => {
  it('test_issueCreatorCertificate_chainsToTheCa', () => {
    const [leafPem, caPem] = pems(creator.chainPem)
    const leaf = new X509Certificate(leafPem!)
    const root = new X509Certificate(caPem!)
    expect(leafPem).toBe(creator.certificatePem.trim())
    expect(root.fingerprint256).toBe(new X509Certificate(ca.certificatePem).fingerprint256)
    expect(leaf.checkIssued(root)).toBe(true)
    expect(leaf.verify(root.publicKey)).toBe(true)
  })

  it('test_issueCreatorCertificate_isAnEndEntitySigningCertificate', () => {
    const leaf = new X509Certificate(creator.certificatePem)
    expect(leaf.ca).toBe(false)
    expect(leaf.subject).toBe('CN=Alice Example\nO=Rightflow Test CA') // O defaults to the CA's
    expect(leaf.keyUsage).toEqual(expect.arrayContaining([emailProtection, documentSigningEku]))
    expect(leaf.keyUsage).not.toContain('2.5.29.37.0') // anyExtendedKeyUsage is forbidden by C2PA
  })

  it('test_issueCreatorCertificate_carriesTheExtensionsC2paRequires', async () => {
    const {
      X509Certificate: Peculiar,
      KeyUsagesExtension,
      BasicConstraintsExtension,
      KeyUsageFlags,
    } = await import('../src/c2pa/x509.js')
    const leaf = new Peculiar(creator.certificatePem)
    const root = new Peculiar(ca.certificatePem)
    const keyUsage = leaf.getExtension(KeyUsagesExtension)!
    expect(keyUsage.critical).toBe(true)
    expect(keyUsage.usages).toBe(KeyUsageFlags.digitalSignature)
    expect(leaf.getExtension(BasicConstraintsExtension)?.ca).toBe(false)
    const ski = root.getExtension('2.5.29.14')!
    const aki = leaf.getExtension('2.5.29.35')!
    expect(leaf.getExtension('2.5.29.14')).toBeDefined()
    // The leaf's AKI names the CA's SKI (the key id's 20 bytes appear in both extensions).
    const keyId = Buffer.from(ski.value).subarray(-20).toString('hex')
    expect(Buffer.from(aki.value).toString('hex')).toContain(keyId)
    expect(leaf.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } })
  })

  it('test_issueCreatorCertificate_namesTheGivenOrganization', async () => {
    const other = await issueCreatorCertificate({ ca, subjectName: 'Bob', organization: 'Harbour Times' })
    expect(new X509Certificate(other.certificatePem).subject).toBe('CN=Bob\nO=Harbour Times')
  })

  it('test_issueCreatorCertificate_refusesAnIssuerKeyThatIsNotPkcs8', async () => {
    await expect(
      issueCreatorCertificate({ ca: { ...ca, privateKeyPem: 'nope' }, subjectName: 'x' }),
    ).rejects.toBeInstanceOf(InvalidSignerError)
  })
})

describe('createCoseSigner', () => {
  it('test_createCoseSigner_reservesExactlyWhatItReturns', async () => {
    const signer = createCoseSigner(creator)
    const cose = await signer.sign(new Uint8Array([0xa0]))
    expect(signer.alg).toBe('es256')
    expect(cose.length).toBe(signer.reserveSize)
    expect(cose[0]).toBe(0xd2) // CBOR tag 18: COSE_Sign1
  })

  it('test_createCoseSigner_padsToAnyLargerReserve', async () => {
    // Some sizes cannot be reached with one "pad" entry (its length prefix grows at 24 and 256 bytes);
    // "pad2" covers them. The smallest pad entry takes 5 bytes.
    for (const extra of [5, 6, 28, 29, 30, 261, 262, 263, 1000, 70_000]) {
      const signer = createCoseSigner(creator, { extraReserve: extra })
      const cose = await signer.sign(new Uint8Array([0xa0]))
      expect(cose.length).toBe(signer.reserveSize)
    }
  })

  it('test_createCoseSigner_refusesAKeyThatIsNotTheCertificates', async () => {
    const other = await issueCreatorCertificate({ ca, subjectName: 'Bob' })
    expect(() =>
      createCoseSigner({ chainPem: creator.chainPem, privateKeyPem: other.privateKeyPem }),
    ).toThrow(/does not match/)
  })

  it('test_createCoseSigner_refusesACaAsSigner', () => {
    const error = captureError(() =>
      createCoseSigner({ chainPem: ca.certificatePem, privateKeyPem: ca.privateKeyPem }),
    )
    expect(error).toBeInstanceOf(InvalidSignerError)
    expect((error as InvalidSignerError).code).toBe('invalid_signer')
    expect((error as Error).message).toMatch(/end-entity/)
  })

  it('test_createCoseSigner_refusesNonP256Keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    })
    expect(() => createCoseSigner({ chainPem: creator.chainPem, privateKeyPem: String(rsa) })).toThrow(
      /P-256/,
    )
  })

  it('test_createCoseSigner_refusesAnEmptyChainOrGarbage', () => {
    expect(() => createCoseSigner({ chainPem: '', privateKeyPem: creator.privateKeyPem })).toThrow(
      InvalidSignerError,
    )
    expect(() => createCoseSigner({ chainPem: creator.chainPem, privateKeyPem: 'garbage' })).toThrow(
      InvalidSignerError,
    )
  })

  it('test_createCoseSigner_refusesAnExpiredCertificate', async () => {
    const expired = await issueCreatorCertificate({ ca, subjectName: 'Old', validityDays: -1 })
    expect(() => createCoseSigner(expired)).toThrow(/not now/)
  })
})

function captureError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}
