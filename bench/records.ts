import { createHash } from 'node:crypto'
import {
  type Address,
  bytesToHex,
  createRecord,
  digestOfRecordId,
  type Hex,
  hexToBytes,
  type Origin,
  type ProvenanceRecord,
  type RecordMetadata,
  type RegistryDomain,
  recordIdBytes,
  type SignedRecord,
  signRecord,
} from '@rightflow/sdk'
import secp256k1 from 'secp256k1'
import { keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/** A creator key; creators never send transactions here (a relayer pays), so they need no funds. */
export type BenchKey = { privateKey: Hex; address: Address }

export function benchKeys(count: number): BenchKey[] {
  return Array.from({ length: count }, (_, i) => {
    const privateKey = keccak256(toHex(`rightflow bench creator ${i}`))
    return { privateKey, address: privateKeyToAccount(privateKey).address }
  })
}

export type BenchRecord = { id: Hex; signed: SignedRecord; metadata: RecordMetadata }

const mediaTypes = ['image/png', 'image/jpeg', 'video/mp4', 'text/plain']
const originModels: [Origin, string][] = [
  ['human', ''],
  ['ai', 'gpt-image-1'],
  ['ai-assisted', 'stable-diffusion-xl'],
  ['composite', ''],
]

/** The content hash of bench work `i`: deterministic, so a lookup can find work `i` without reading the store. */
export function contentHashOf(i: number, namespace: string): Hex {
  return `0x${createHash('sha256').update(`${namespace}:${i}`).digest('hex')}`
}

/**
 * Bench work `i`: a valid record (mixed media types and origins, metadata with a title, optional parents),
 * its id and a real EIP-712 signature by its creator.
 */
export function benchRecord(
  i: number,
  key: BenchKey,
  namespace: string,
  domain: RegistryDomain,
  parents: Hex[] = [],
) {
  const [origin, model] = originModels[i % originModels.length]!
  const metadata = { title: `Bench work ${i}` }
  const record = createRecord({
    creator: key.address,
    contentHash: contentHashOf(i, namespace),
    size: 1_000 + i,
    mediaType: mediaTypes[i % mediaTypes.length]!,
    origin,
    model,
    parents,
    metadata,
    createdAt: 1_700_000_000 + i,
  })
  return { ...signFast(record, key, domain), metadata }
}

/**
 * Signs through libsecp256k1 (~60 µs) instead of viem (~1.6 ms here). Both use RFC 6979 nonces, so the
 * signature is byte-identical to `signRecord`'s; {@link checkSignFastMatchesViem} pins that at every run.
 */
export function signFast(record: ProvenanceRecord, key: BenchKey, domain: RegistryDomain): BenchRecord {
  const idBytes = recordIdBytes(record)
  const { signature, recid } = secp256k1.ecdsaSign(
    digestOfRecordId(idBytes, domain),
    hexToBytes(key.privateKey),
  )
  const bytes = new Uint8Array(65)
  bytes.set(signature)
  bytes[64] = 27 + recid
  return { id: bytesToHex(idBytes), signed: { record, signature: bytesToHex(bytes) }, metadata: {} }
}

export async function checkSignFastMatchesViem(domain: RegistryDomain): Promise<void> {
  const [key] = benchKeys(1)
  const fast = benchRecord(0, key!, 'signature-check', domain)
  const slow = await signRecord({
    account: privateKeyToAccount(key!.privateKey),
    record: fast.signed.record,
    domain,
  })
  if (slow.signature !== fast.signed.signature)
    throw new Error('bench signer disagrees with signRecord: fix bench/records.ts')
}
