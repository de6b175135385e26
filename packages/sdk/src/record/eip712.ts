import type { Address, TypedDataDomain } from 'viem'

/** The EIP-712 types of a record, as the contract declares them. */
export const recordTypes = {
  Record: [
    { name: 'creator', type: 'address' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'size', type: 'uint64' },
    { name: 'mediaType', type: 'string' },
    { name: 'origin', type: 'uint8' },
    { name: 'model', type: 'string' },
    { name: 'parents', type: 'bytes32[]' },
    { name: 'metadataHash', type: 'bytes32' },
    { name: 'createdAt', type: 'uint64' },
  ],
} as const

export const recordTypeString =
  'Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)'

/** Where a record is signed for: the registry on one chain. */
export type RegistryDomain = { chainId: number; registry: Address }

/**
 * The EIP-712 domain of the provenance registry.
 *
 * @example
 * provenanceDomain({ chainId: 31337, registry: '0x…' })
 */
export function provenanceDomain({ chainId, registry }: RegistryDomain): TypedDataDomain {
  return { name: 'Rightflow Provenance', version: '1', chainId, verifyingContract: registry }
}
