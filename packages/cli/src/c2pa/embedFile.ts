import { readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { type C2paSigner, embedContentCredentials, type Hex, type ProvenanceRecord } from '@rightflow/sdk'

/** Where the copy with embedded credentials goes: `photo.jpg` → `photo.c2pa.jpg`, beside the original. */
export function embeddedPath(file: string): string {
  const ext = extname(file)
  return join(dirname(file), `${basename(file, ext)}.c2pa${ext}`)
}

/**
 * Writes a copy of a registered file with Content Credentials pointing at its record. The original is
 * left as it is: its bytes are what the record's content hash names.
 */
export async function embedFile(parameters: {
  file: string
  record: ProvenanceRecord
  recordId: Hex
  chainId: number
  registry: Hex
  signer: C2paSigner
  title: string | undefined
}): Promise<{ path: string; bytesAdded: number }> {
  const { file, ...rest } = parameters
  const { bytes, manifestBytesAdded } = await embedContentCredentials({
    ...rest,
    bytes: new Uint8Array(await readFile(file)),
    mediaType: rest.record.mediaType,
    title: rest.title ?? basename(file),
  })
  const path = embeddedPath(file)
  await writeFile(path, bytes)
  return { path, bytesAdded: manifestBytesAdded }
}
