import { BaseError } from './BaseError.js'

export class InvalidOriginError extends BaseError {
  override name = 'InvalidOriginError'
  constructor(origin: unknown) {
    super(`Unknown origin "${String(origin)}": use human, ai, ai-assisted or composite.`, {
      code: 'invalid_origin',
    })
  }
}

export class ModelRequiredError extends BaseError {
  override name = 'ModelRequiredError'
  constructor(origin: string) {
    super(`A model id is required for origin "${origin}" (e.g. --model stable-diffusion-xl).`, {
      code: 'model_required',
    })
  }
}

export class ModelNotAllowedError extends BaseError {
  override name = 'ModelNotAllowedError'
  constructor() {
    super('A human-made record cannot name an AI model; use --origin ai-assisted instead.', {
      code: 'model_not_allowed',
    })
  }
}

export class InvalidRecordError extends BaseError {
  override name = 'InvalidRecordError'
  constructor(reason: string) {
    super(`Invalid record: ${reason}`, { code: 'invalid_record' })
  }
}

export class TooManyParentsError extends BaseError {
  override name = 'TooManyParentsError'
  constructor(count: number, max: number) {
    super(`A record may name at most ${max} parents, got ${count}.`, { code: 'too_many_parents' })
  }
}

export class InvalidSignatureError extends BaseError {
  override name = 'InvalidSignatureError'
  constructor(creator: string, details?: string) {
    super(`The signature is not ${creator}'s over this record on this chain and registry.`, {
      code: 'invalid_signature',
      details,
    })
  }
}
