import { type AiUse, aiUses, type Hex } from '@rightflow/sdk'
import { type Address, getAddress, isAddress } from 'viem'
import { ProblemError } from './problem.js'

const bytes32Pattern = /^0x[0-9a-fA-F]{64}$/

/** Path and query parameters shared by routes, each refused with a 400 problem naming what is expected. */
export function parseContentHash(value: string): Hex {
  if (!bytes32Pattern.test(value))
    throw new ProblemError(
      'invalid_request',
      'The content hash must be 0x followed by 64 hex digits (sha256).',
    )
  return value.toLowerCase() as Hex
}

export function parseAssetId(value: string): Hex {
  if (!bytes32Pattern.test(value))
    throw new ProblemError('invalid_asset_id', 'An asset id is its record id: 0x followed by 64 hex digits.')
  return value.toLowerCase() as Hex
}

export function parseUse(value: string | undefined): AiUse {
  if (!value || !(aiUses as readonly string[]).includes(value))
    throw new ProblemError('invalid_use', `Name the AI use with ?use= and one of: ${aiUses.join(', ')}.`)
  return value as AiUse
}

export function parseAccount(value: string | undefined): Address {
  if (!value || !isAddress(value, { strict: false }))
    throw new ProblemError('invalid_address', 'account must be a 0x-prefixed 20-byte address.')
  return getAddress(value)
}
