import { createTestClient, http, publicActions } from 'viem'
import { multicall3Address, multicall3RuntimeCode } from './multicall3Code.js'

export type EnsureMulticall3Parameters = {
  /** A development chain that answers `anvil_setCode` (anvil, or a Hardhat-compatible node). */
  rpcUrl: string
}

export type EnsureMulticall3ReturnType = { installed: boolean }

/**
 * Puts Multicall3 at its canonical address on a development chain that lacks it, so the exact facilitator can
 * say *why* a payment failed (nonce already used, balance too low) instead of "simulation failed". Public
 * chains already have it; call this for embedded and test chains only.
 *
 * @example
 * const { installed } = await ensureMulticall3({ rpcUrl: anvil.rpcUrl })
 */
export async function ensureMulticall3({
  rpcUrl,
}: EnsureMulticall3Parameters): Promise<EnsureMulticall3ReturnType> {
  const client = createTestClient({ mode: 'anvil', transport: http(rpcUrl, { retryCount: 0 }) }).extend(
    publicActions,
  )
  if (await client.getCode({ address: multicall3Address })) return { installed: false }
  await client.setCode({ address: multicall3Address, bytecode: multicall3RuntimeCode })
  return { installed: true }
}
