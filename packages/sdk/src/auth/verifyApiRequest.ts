import { type Address, getAddress, type Hex, type PublicClient, verifyTypedData } from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { sha256Bytes } from '../hash/sha256File.js'
import type { RegistryDomain } from '../record/eip712.js'
import { zeroHash } from '../record/types.js'
import {
  type ApiAuthorization,
  apiAuthorizationScheme,
  apiRequestDomain,
  apiRequestTypes,
  maxApiRequestTtlSeconds,
} from './apiRequestTypedData.js'

/** A signed request the server cannot accept; `code` says why (stable, used as the problem code). */
export class ApiAuthorizationError extends BaseError {
  override name = 'ApiAuthorizationError'
  constructor(
    code:
      | 'authorization_required'
      | 'malformed_authorization'
      | 'authorization_expired'
      | 'invalid_request_signature',
    message: string,
  ) {
    super(message, { code })
  }
}

const headerPattern = new RegExp(
  `^${apiAuthorizationScheme} account=(0x[0-9a-fA-F]{40}),expires=(\\d{1,12}),nonce=(0x[0-9a-fA-F]{64}),signature=(0x[0-9a-fA-F]+)$`,
)

/** Parses the `Authorization` header of a signed request; throws ApiAuthorizationError when malformed. */
export function parseApiAuthorization(header: string | undefined | null): ApiAuthorization {
  if (!header)
    throw new ApiAuthorizationError(
      'authorization_required',
      `This request must be signed: send an "Authorization: ${apiAuthorizationScheme} …" header.`,
    )
  const match = headerPattern.exec(header.trim())
  if (!match)
    throw new ApiAuthorizationError(
      'malformed_authorization',
      `The Authorization header is not "${apiAuthorizationScheme} account=0x…,expires=<unix seconds>,nonce=0x<32 bytes>,signature=0x…".`,
    )
  return {
    account: getAddress(match[1]!),
    expiresAt: Number(match[2]),
    nonce: match[3]!.toLowerCase() as Hex,
    signature: match[4] as Hex,
  }
}

export type VerifyApiRequestParameters = {
  authorization: string | undefined | null
  domain: RegistryDomain
  method: string
  path: string
  body?: Uint8Array | undefined
  /** Verifies ERC-1271 contract-wallet signatures too; without it only EOA signatures are accepted. */
  publicClient?: PublicClient | undefined
  now?: number
}

/**
 * Checks a signed request: well-formed, unexpired, not valid for longer than 10 minutes, and signed by the
 * account it names over this method, path and body. Returns the authorization, whose nonce the caller must
 * consume once (replay protection is the server's, since it needs storage).
 *
 * @example
 * const { account, nonce, expiresAt } = await verifyApiRequest({ authorization, domain, method, path })
 */
export async function verifyApiRequest({
  authorization,
  domain,
  method,
  path,
  body,
  publicClient,
  now = Math.floor(Date.now() / 1000),
}: VerifyApiRequestParameters): Promise<ApiAuthorization & { account: Address }> {
  const parsed = parseApiAuthorization(authorization)
  if (parsed.expiresAt <= now)
    throw new ApiAuthorizationError(
      'authorization_expired',
      'The request signature has expired; sign it again.',
    )
  if (parsed.expiresAt > now + maxApiRequestTtlSeconds)
    throw new ApiAuthorizationError(
      'malformed_authorization',
      `A request signature may be valid for at most ${maxApiRequestTtlSeconds} seconds.`,
    )
  const typedData = {
    address: parsed.account,
    domain: apiRequestDomain(domain),
    types: apiRequestTypes,
    primaryType: 'ApiRequest' as const,
    message: {
      method: method.toUpperCase(),
      path,
      bodyHash: body && body.length > 0 ? sha256Bytes(body) : zeroHash,
      expiresAt: BigInt(parsed.expiresAt),
      nonce: parsed.nonce,
    },
    signature: parsed.signature,
  }
  let valid = false
  try {
    // Locally first (EOAs, no RPC); then, for contract wallets, ERC-1271 through the chain.
    valid = await verifyTypedData(typedData)
    if (!valid && publicClient) valid = await publicClient.verifyTypedData(typedData)
  } catch {
    valid = false
  }
  if (!valid)
    throw new ApiAuthorizationError(
      'invalid_request_signature',
      `The signature is not ${parsed.account}'s over ${method.toUpperCase()} ${path}.`,
    )
  return parsed
}
