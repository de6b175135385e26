import type { origins } from '@rightflow/sdk'
import { z } from 'zod'

const hex32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte 0x-hex string')
  .transform((s) => s.toLowerCase() as `0x${string}`)
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an address')
  .transform((s) => s as `0x${string}`)
const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)

/** A record as it travels over HTTP: the EIP-712 `Record` with numbers for uint64 and origin as its name. */
export const wireRecord = z.strictObject({
  creator: address,
  contentHash: hex32,
  size: uint,
  mediaType: z.string().max(190),
  // Checked by validateRecord so that an unknown origin gets its own error code.
  origin: z.string().max(32) as z.ZodType<(typeof origins)[number]>,
  model: z.string().max(200).default(''),
  parents: z.array(hex32).max(64).default([]),
  metadataHash: hex32,
  createdAt: uint,
})

export const wireSubmission = z.strictObject({
  record: wireRecord,
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'a 65-byte signature'),
  metadata: z.record(z.string(), z.unknown()).optional(),
  mode: z.enum(['batch', 'direct']).default('batch'),
})

export type WireSubmission = z.infer<typeof wireSubmission>

export const wireBatch = z.strictObject({ records: z.array(wireSubmission).min(1).max(1000) })
