import { randomBytes } from 'node:crypto'
import {
  createRecord,
  type Hex,
  type Origin,
  type RecordMetadata,
  type SignedRecord,
  signRecord,
} from '@rightflow/sdk'
import type { LocalAccount } from 'viem'

export function randomHash(): Hex {
  return `0x${randomBytes(32).toString('hex')}`
}

/** A freshly signed record for random content. */
export async function makeSigned(
  account: LocalAccount,
  domain: { chainId: number; registry: Hex },
  options: {
    origin?: Origin
    model?: string
    parents?: Hex[]
    metadata?: RecordMetadata
    contentHash?: Hex
    mediaType?: string
  } = {},
): Promise<SignedRecord> {
  const record = createRecord({
    creator: account.address,
    contentHash: options.contentHash ?? randomHash(),
    size: 1234,
    mediaType: options.mediaType ?? 'image/png',
    origin: options.origin ?? 'human',
    model: options.model,
    parents: options.parents,
    metadata: options.metadata,
    createdAt: 1_700_000_000,
  })
  return signRecord({ account, record, domain })
}
