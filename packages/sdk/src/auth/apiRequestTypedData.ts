import type { Address, Hex, TypedDataDomain } from 'viem'
import type { RegistryDomain } from '../record/eip712.js'

/**
 * EIP-712 types of a signed API request. `path` includes the query string, so everything that decides what
 * is served (which content, for which AI use) is signed; `bodyHash` is sha256 of the body (zero for none).
 */
export const apiRequestTypes = {
  ApiRequest: [
    { name: 'method', type: 'string' },
    { name: 'path', type: 'string' },
    { name: 'bodyHash', type: 'bytes32' },
    { name: 'expiresAt', type: 'uint64' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const

/** A request as signed. */
export type ApiRequestMessage = {
  method: string
  path: string
  bodyHash: Hex
  expiresAt: bigint
  nonce: Hex
}

/** What the `Authorization` header carries. */
export type ApiAuthorization = { account: Address; expiresAt: number; nonce: Hex; signature: Hex }

/** The scheme name in `Authorization: Rightflow-EIP712 account=…,expires=…,nonce=…,signature=…`. */
export const apiAuthorizationScheme = 'Rightflow-EIP712'

/** Longest validity a server accepts for a signed request, in seconds. */
export const maxApiRequestTtlSeconds = 600

/**
 * The domain of signed API requests: bound to the chain and the provenance registry the server serves, so a
 * signature for one deployment is worthless at another.
 *
 * @example
 * apiRequestDomain({ chainId: 31337, registry })
 */
export function apiRequestDomain({ chainId, registry }: RegistryDomain): TypedDataDomain {
  return { name: 'Rightflow API', version: '1', chainId, verifyingContract: registry }
}
