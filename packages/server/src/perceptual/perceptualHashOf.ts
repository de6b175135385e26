import { type Hex, InvalidRecordError, type RecordMetadata } from '@rightflow/sdk'

/**
 * The PDQ hash an image record carries in its metadata (`perceptualHash`), so it is covered by the
 * creator's signature through `metadataHash`; undefined when there is none.
 */
export function perceptualHashOf(metadata: RecordMetadata | undefined): Hex | undefined {
  const value = metadata?.perceptualHash
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^0x[0-9a-f]{64}$/.test(value))
    throw new InvalidRecordError(
      'metadata.perceptualHash must be a 256-bit PDQ hash as 0x + 64 lowercase hex digits',
    )
  return value as Hex
}
