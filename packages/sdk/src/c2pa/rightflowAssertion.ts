import type { Address, Hex } from 'viem'

/** Our assertion's label: reverse-domain, as C2PA wants for custom assertions. */
export const rightflowRecordLabel = 'org.rightflow.record'

/**
 * Where the file's provenance record lives. `contentHash` is the record's: the sha256 of the file as
 * registered, before the manifest was embedded. The embedded copy hashes differently (the C2PA hard
 * binding covers those bytes), so the registered hash is what finds the record again through
 * `findRecordsByContentHash`, and what a verifier compares after stripping the manifest.
 */
export type RightflowRecordAssertion = { recordId: Hex; chainId: number; registry: Address; contentHash: Hex }

const bytes32 = /^0x[0-9a-fA-F]{64}$/
const address = /^0x[0-9a-fA-F]{40}$/

/**
 * The assertion's data if it has the shape we write, else undefined: it comes from files anyone can
 * craft, so nothing is passed on unchecked.
 *
 * @example
 * parseRightflowAssertion(assertion.data)?.recordId
 */
export function parseRightflowAssertion(data: unknown): RightflowRecordAssertion | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { recordId, chainId, registry, contentHash } = data as Record<string, unknown>
  if (typeof recordId !== 'string' || !bytes32.test(recordId)) return undefined
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) return undefined
  if (typeof registry !== 'string' || !address.test(registry)) return undefined
  if (typeof contentHash !== 'string' || !bytes32.test(contentHash)) return undefined
  return {
    recordId: recordId as Hex,
    chainId,
    registry: registry as Address,
    contentHash: contentHash as Hex,
  }
}
