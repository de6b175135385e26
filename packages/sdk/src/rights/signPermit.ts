import {
  type Address,
  type Hex,
  type PublicClient,
  parseSignature,
  type TypedDataDomain,
  type WalletClient,
} from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { chainTime, requireAccount, tokenAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'

export type SignPermitParameters = {
  publicClient: PublicClient
  /** The token owner, who signs. */
  walletClient: WalletClient
  token: Address
  spender: Address
  value: bigint
  /** Unix seconds; one hour after the chain's latest block when absent. */
  deadline?: bigint
}

/** A signed EIP-2612 permit, whole and split the way `permit(…, v, r, s)` takes it. */
export type SignPermitReturnType = {
  value: bigint
  deadline: bigint
  signature: Hex
  v: number
  r: Hex
  s: Hex
}

/** The token has no readable EIP-712 domain (ERC-5267), so a permit for it cannot be signed safely. */
export class PermitUnsupportedError extends BaseError {
  override name = 'PermitUnsupportedError'
  constructor(token: Address, cause?: unknown) {
    super(`Token ${token} does not publish its EIP-712 domain; approve instead of permit.`, {
      code: 'permit_unsupported',
      cause,
    })
  }
}

const permitTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/**
 * Signs an EIP-2612 permit letting `spender` take `value` of the token from the wallet account, with the
 * token's own domain (read through ERC-5267) and its current nonce. Off chain: costs no gas.
 *
 * @example
 * const { deadline, v, r, s } = await signPermit({ publicClient, walletClient, token, spender, value: 10_000n })
 */
export async function signPermit({
  publicClient,
  walletClient,
  token,
  spender,
  value,
  deadline,
}: SignPermitParameters): Promise<SignPermitReturnType> {
  const account = requireAccount(walletClient)
  const domain = await permitDomain(publicClient, token)
  try {
    const [nonce, now] = await Promise.all([
      publicClient.readContract({
        address: token,
        abi: tokenAbi,
        functionName: 'nonces',
        args: [account.address],
      }),
      deadline === undefined ? chainTime(publicClient) : Promise.resolve(0),
    ])
    const until = deadline ?? BigInt(now + 3600)
    const signature = await walletClient.signTypedData({
      account,
      domain,
      types: permitTypes,
      primaryType: 'Permit',
      message: { owner: account.address, spender, value, nonce, deadline: until },
    })
    const { r, s, v, yParity } = parseSignature(signature)
    return { value, deadline: until, signature, v: Number(v ?? BigInt(yParity + 27)), r, s }
  } catch (error) {
    throw toRightsError(error)
  }
}

/** The token's EIP-712 domain, with only the fields ERC-5267 says it uses (a zero salt would change the hash). */
async function permitDomain(publicClient: PublicClient, token: Address): Promise<TypedDataDomain> {
  const { domain, fields } = await publicClient
    .getEip712Domain({ address: token })
    .catch((error: unknown) => {
      throw new PermitUnsupportedError(token, error)
    })
  const has = (bit: number) => (Number.parseInt(fields, 16) & bit) !== 0
  return {
    ...(has(0x01) ? { name: domain.name } : {}),
    ...(has(0x02) ? { version: domain.version } : {}),
    ...(has(0x04) ? { chainId: domain.chainId } : {}),
    ...(has(0x08) ? { verifyingContract: domain.verifyingContract } : {}),
    ...(has(0x10) ? { salt: domain.salt } : {}),
  }
}
