import { readFile } from 'node:fs/promises'
import {
  BaseError,
  type ContentCredentials,
  type CredentialsAgreement,
  compareWithRecord,
  type Hex,
  type ProvenanceRecord,
  readableMediaTypes,
  readContentCredentials,
} from '@rightflow/sdk'

export type CredentialsReport = {
  credentials: ContentCredentials | undefined
  /** Set when the manifest could not be read at all (corrupt, remote, unsupported). */
  error: { code: string; message: string } | undefined
  agreement: CredentialsAgreement
}

/**
 * Reads and validates any C2PA manifest in the file (ours or anyone's) and sets its claims beside the
 * on-chain record. A manifest that cannot be read is reported, not thrown: it is a finding about the file.
 */
export async function inspectCredentials(
  file: string,
  mediaType: string,
  trustAnchorsPem: string | undefined,
  match: { id: Hex; record: ProvenanceRecord } | undefined,
  chain: { chainId: number; registry: Hex },
): Promise<CredentialsReport> {
  if (!readableMediaTypes.includes(mediaType))
    return { credentials: undefined, error: undefined, agreement: compareWithRecord(undefined, match, chain) }
  try {
    const bytes = new Uint8Array(await readFile(file))
    const credentials = await readContentCredentials({ bytes, mediaType, trustAnchorsPem })
    return { credentials, error: undefined, agreement: compareWithRecord(credentials, match, chain) }
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    // A file the library cannot parse as its type (a text file named .jpg) simply has no manifest;
    // only a manifest that is there but broken is a finding against the file.
    const broken = error.code === 'corrupt_manifest'
    return {
      credentials: undefined,
      error: { code: error.code, message: error.shortMessage },
      agreement: broken
        ? {
            status: 'disagree',
            differences: [`the file's Content Credentials cannot be read: ${error.shortMessage}`],
          }
        : compareWithRecord(undefined, match, chain),
    }
  }
}

/** Whether the file's credentials undermine it: broken, or contradicting the chain. */
export function credentialsFail(report: CredentialsReport): boolean {
  return report.agreement.status === 'disagree' || report.credentials?.validation.state === 'invalid'
}
