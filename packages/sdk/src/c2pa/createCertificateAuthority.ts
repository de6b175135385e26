import {
  crypto,
  es256Signing,
  exportPrivateKeyPem,
  generateP256,
  loadX509,
  randomSerial,
  validity,
} from './certificateKeys.js'

export type CreateCertificateAuthorityParameters = {
  /** Common name and organisation (O) of the CA; certificates it issues name the same organisation by default. */
  name: string
  validityDays?: number
}

/** A CA certificate and its key, both PEM. */
export type CertificateAuthority = { certificatePem: string; privateKeyPem: string }

/**
 * A self-signed P-256 root CA to issue creators' signing certificates, and to hand to verifiers as a
 * C2PA trust anchor. It never signs manifests itself: C2PA refuses self-signed signing certificates.
 *
 * @example
 * const ca = await createCertificateAuthority({ name: 'Rightflow Newsroom CA', validityDays: 3650 })
 * const creator = await issueCreatorCertificate({ ca, subjectName: 'Alice Example' })
 */
export async function createCertificateAuthority({
  name,
  validityDays = 3650,
}: CreateCertificateAuthorityParameters): Promise<CertificateAuthority> {
  const {
    AuthorityKeyIdentifierExtension,
    BasicConstraintsExtension,
    KeyUsageFlags,
    KeyUsagesExtension,
    SubjectKeyIdentifierExtension,
    X509CertificateGenerator,
  } = await loadX509()
  const keys = await generateP256()
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [name] }, { O: [name] }],
      ...validity(validityDays),
      keys,
      signingAlgorithm: es256Signing,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        // Equal to the SKI for a root; C2PA's certificate profile wants an AKI on every certificate.
        await AuthorityKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  return {
    certificatePem: `${certificate.toString('pem')}\n`,
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
  }
}
