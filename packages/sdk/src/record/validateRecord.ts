import {
  InvalidOriginError,
  InvalidRecordError,
  ModelNotAllowedError,
  ModelRequiredError,
  TooManyParentsError,
} from '../errors/recordErrors.js'
import {
  maxParents,
  type Origin,
  origins,
  originsRequiringModel,
  type ProvenanceRecord,
  zeroHash,
} from './types.js'

const bytes32 = /^0x[0-9a-f]{64}$/
const address = /^0x[0-9a-fA-F]{40}$/
const mediaTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/

/**
 * Checks a record against the rules the contract enforces (and a few the wire needs), so bad input
 * fails here with a clear error instead of as a revert or a half-written batch.
 *
 * @example
 * validateRecord(record) // throws InvalidRecordError, ModelRequiredError, …
 */
export function validateRecord(record: ProvenanceRecord): void {
  if (!address.test(record.creator)) throw new InvalidRecordError('creator is not an address')
  if (!bytes32.test(record.contentHash) || record.contentHash === zeroHash)
    throw new InvalidRecordError('contentHash must be a non-zero lowercase 32-byte hex string')
  if (!isUint(record.size)) throw new InvalidRecordError('size must be a non-negative safe integer')
  if (!mediaTypePattern.test(record.mediaType))
    throw new InvalidRecordError(`mediaType "${record.mediaType}" is not a media type like image/png`)
  if (!origins.includes(record.origin as Origin)) throw new InvalidOriginError(record.origin)
  if (typeof record.model !== 'string' || record.model.length > 200)
    throw new InvalidRecordError('model must be a string of at most 200 characters')
  if (originsRequiringModel.includes(record.origin) && record.model === '')
    throw new ModelRequiredError(record.origin)
  if (record.origin === 'human' && record.model !== '') throw new ModelNotAllowedError()
  if (!Array.isArray(record.parents)) throw new InvalidRecordError('parents must be an array')
  if (record.parents.length > maxParents) throw new TooManyParentsError(record.parents.length, maxParents)
  record.parents.forEach((parent, i) => {
    if (!bytes32.test(parent)) throw new InvalidRecordError(`parent ${i} is not a record id`)
    if (i > 0 && parent <= record.parents[i - 1]!)
      throw new InvalidRecordError('parents must be strictly ascending (sorted, no duplicates)')
  })
  if (!bytes32.test(record.metadataHash))
    throw new InvalidRecordError('metadataHash is not a 32-byte hex string')
  if (!isUint(record.createdAt)) throw new InvalidRecordError('createdAt must be unix seconds')
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
