import { BaseError, type Hex } from '@rightflow/sdk'

export class ParentNotFoundError extends BaseError {
  override name = 'ParentNotFoundError'
  constructor(parent: Hex) {
    super(`Parent record ${parent} does not exist; register the parent first.`, { code: 'parent_not_found' })
  }
}

export class ParentNotAnchoredError extends BaseError {
  override name = 'ParentNotAnchoredError'
  constructor(parent: Hex) {
    super(`Parent record ${parent} is not anchored yet; a direct record needs its parents on chain.`, {
      code: 'parent_not_anchored',
    })
  }
}

export class RecordExistsError extends BaseError {
  override name = 'RecordExistsError'
  constructor(id: Hex) {
    super(`Record ${id} is already registered.`, { code: 'record_exists' })
  }
}

export class MetadataMismatchError extends BaseError {
  override name = 'MetadataMismatchError'
  constructor() {
    super('The metadata does not hash to the record’s metadataHash (RFC 8785 canonical JSON, sha256).', {
      code: 'metadata_mismatch',
    })
  }
}

/** One submission in a batch failed; the whole batch is refused so nothing is half-written. */
export class SubmissionError extends BaseError {
  override name = 'SubmissionError'
  readonly index: number
  readonly inner: BaseError
  constructor(index: number, inner: BaseError) {
    super(`records[${index}]: ${inner.shortMessage}`, { code: inner.code, cause: inner })
    this.index = index
    this.inner = inner
  }
}
