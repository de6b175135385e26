/**
 * c2pa-rs settings for reading untrusted files. Keys are snake_case: c2pa-rs silently ignores any it
 * does not know, camelCase included. Remote manifests and OCSP are never fetched, so reading a
 * crafted file cannot make the server call out to an address of the file's choosing, nor hang on a
 * network this machine may not have.
 *
 * @example
 * WasmReader.fromBytes('image/jpeg', bytes, readerSettings({ trustAnchorsPem }))
 */
export function readerSettings({
  trustAnchorsPem,
  validate = true,
}: {
  trustAnchorsPem?: string | undefined
  validate?: boolean
}): string {
  return JSON.stringify({
    verify: {
      verify_after_reading: validate,
      verify_trust: true,
      remote_manifest_fetch: false,
      ocsp_fetch: false,
    },
    ...(trustAnchorsPem ? { trust: { user_anchors: normalizePem(trustAnchorsPem) } } : {}),
  })
}

// Certificates concatenated without a newline between them ("…END CERTIFICATE----------BEGIN…")
// make c2pa-rs skip the anchors silently; re-join the blocks one per line.
function normalizePem(pem: string): string {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  return `${blocks.join('\n')}\n`
}
