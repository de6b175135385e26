import { type Address, verifyApiRequest } from '@rightflow/sdk'
import type { Context } from 'hono'
import type { ChainContext } from '../chainContext.js'
import type { ProvenanceStore } from '../store/types.js'
import { ProblemError } from './problem.js'

/**
 * The account that signed this request (EIP-712 `ApiRequest` over method, path with query and body), after
 * consuming its nonce so the same signed request is never accepted twice, across restarts too. Failures are
 * 401 problems with stable codes (authorization_required, malformed_authorization, authorization_expired,
 * invalid_request_signature, nonce_reused).
 */
export async function authenticateRequest(
  c: Context,
  { store, chain }: { store: ProvenanceStore; chain: ChainContext },
  body?: Uint8Array,
): Promise<Address> {
  const url = new URL(c.req.url)
  const authorization = await verifyApiRequest({
    authorization: c.req.header('authorization'),
    domain: { chainId: chain.chainId, registry: chain.registry },
    method: c.req.method,
    path: `${url.pathname}${url.search}`,
    body,
    publicClient: chain.publicClient,
  })
  if (!(await store.consumeNonce(authorization.account, authorization.nonce, authorization.expiresAt)))
    throw new ProblemError('nonce_reused', 'This signed request was used before; sign a new one.')
  return authorization.account
}
