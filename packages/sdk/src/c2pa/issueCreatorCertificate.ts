import {
  crypto,
  es256Signing,
  exportPrivateKeyPem,
  generateP256,
  importIssuer,
  loadX509,
  randomSerial,
  validity,
} from './certificateKeys.js'
import type { CertificateAuthority } from './createCertificateAuthority.js'

/** id-kp-documentSigning (RFC 9336), the EKU C2PA names for manifest signing alongside emailProtection. */
export const documentSigningEku = '1.3.6.1.5.5.7.3.36'

export type IssueCreatorCertificateParameters = {
  ca: CertificateAuthority
  /** The signer's common name, shown by validators as who signed. */
  subjectName: string
  /**
   * Organisation (O) of the signer; C2PA validators show it as the manifest's "issuer". Defaults to
   * the CA's organisation.
   */
  organization?: string
  validityDays?: number
}

/** A signing certificate, its chain (leaf then CA, as COSE's x5chain wants) and key, all PEM. */
export type CreatorCertificate = { certificatePem: string; chainPem: string; privateKeyPem: string }

/**
 * A P-256 end-entity certificate for signing C2PA manifests, issued by `ca`. It carries what c2pa-rs
 * checks in its certificate profile: v3, ecdsa-with-SHA256, critical key usage digitalSignature only,
 * EKUs emailProtection and documentSigning (either suffices; both so older validators that only know
 * emailProtection accept it too, and never anyExtendedKeyUsage), not a CA, SKI and AKI.
 *
 * @example
 * const { chainPem, privateKeyPem } = await issueCreatorCertificate({ ca, subjectName: 'Alice Example' })
 */
export async function issueCreatorCertificate({
  ca,
  subjectName,
  organization,
  validityDays = 365,
}: IssueCreatorCertificateParameters): Promise<CreatorCertificate> {
  const {
    AuthorityKeyIdentifierExtension,
    BasicConstraintsExtension,
    ExtendedKeyUsage,
    ExtendedKeyUsageExtension,
    KeyUsageFlags,
    KeyUsagesExtension,
    SubjectKeyIdentifierExtension,
    X509CertificateGenerator,
  } = await loadX509()
  const issuer = await importIssuer(ca)
  const keys = await generateP256()
  const org = organization ?? issuer.certificate.subjectName.getField('O')[0]
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: [{ CN: [subjectName] }, ...(org ? [{ O: [org] }] : [])],
      issuer: issuer.certificate.subjectName,
      ...validity(validityDays),
      publicKey: keys.publicKey,
      signingKey: issuer.key,
      signingAlgorithm: es256Signing,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.emailProtection, documentSigningEku], false),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await AuthorityKeyIdentifierExtension.create(issuer.certificate, false, crypto),
      ],
    },
    crypto,
  )
  const certificatePem = `${certificate.toString('pem')}\n`
  return {
    certificatePem,
    chainPem: `${certificatePem}${issuer.certificate.toString('pem')}\n`,
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
  }
}
