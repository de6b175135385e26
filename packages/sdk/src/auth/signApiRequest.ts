import { type Hex, type LocalAccount, toHex } from 'viem'
import { sha256Bytes } from '../hash/sha256File.js'
import type { RegistryDomain } from '../record/eip712.js'
import { zeroHash } from '../record/types.js'
import {
  apiAuthorizationScheme,
  apiRequestDomain,
  apiRequestTypes,
  maxApiRequestTtlSeconds,
} from './apiRequestTypedData.js'

export type SignApiRequestParameters = {
  account: LocalAccount
  domain: RegistryDomain
  method: string
  /** Path and query string, exactly as sent (e.g. `/v1/content/0x…?use=training`). */
  path: string
  body?: Uint8Array | undefined
  /** Seconds the signature stays valid; at most 600. */
  ttlSeconds?: number
  now?: number
}

/**
 * Signs an API request (EIP-712) and returns the `Authorization` header value. Each signature carries a
 * random nonce the server accepts once, and an expiry, so a captured header cannot be replayed.
 *
 * @example
 * const authorization = await signApiRequest({ account, domain, method: 'GET', path })
 * await fetch(url, { headers: { authorization } })
 */
export async function signApiRequest({
  account,
  domain,
  method,
  path,
  body,
  ttlSeconds = 300,
  now = Math.floor(Date.now() / 1000),
}: SignApiRequestParameters): Promise<string> {
  const expiresAt = now + Math.min(ttlSeconds, maxApiRequestTtlSeconds)
  const nonce: Hex = toHex(crypto.getRandomValues(new Uint8Array(32)))
  const signature = await account.signTypedData({
    domain: apiRequestDomain(domain),
    types: apiRequestTypes,
    primaryType: 'ApiRequest',
    message: {
      method: method.toUpperCase(),
      path,
      bodyHash: body && body.length > 0 ? sha256Bytes(body) : zeroHash,
      expiresAt: BigInt(expiresAt),
      nonce,
    },
  })
  return `${apiAuthorizationScheme} account=${account.address},expires=${expiresAt},nonce=${nonce},signature=${signature}`
}
