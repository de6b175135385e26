/**
 * The DER bodies of every `-----BEGIN <label>-----` block in a PEM text, in order.
 *
 * @example
 * const [leaf, ...issuers] = pemBlocks(chainPem, 'CERTIFICATE')
 */
export function pemBlocks(pem: string, label: string): Uint8Array[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g')
  return [...pem.matchAll(pattern)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  )
}

/**
 * A DER body as a PEM block, base64 wrapped at 64 columns.
 *
 * @example
 * toPem(der, 'CERTIFICATE')
 */
export function toPem(der: Uint8Array, label: string): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}
