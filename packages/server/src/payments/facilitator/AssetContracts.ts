import { type Address, getAddress, type Hex, type PublicClient } from 'viem'

/**
 * The code of the payment tokens this facilitator has seen to be contracts, read once each.
 *
 * Why it exists: x402's exact scheme starts an `eth_getCode` of the asset at the top of every verify and awaits
 * it only on its success path; when the chain fails and verify returns early, that promise rejects with no
 * handler and Node ends the process. The Facilitator reads the asset here first (awaited, a chain failure
 * becomes `chain_unavailable`), and the relayer signer answers x402's `getCode` of a known asset from this
 * cache, so the check x402 starts can no longer fail.
 *
 * @example
 * const assets = new AssetContracts(publicClient)
 * await assets.load(usdc) // true: a contract; throws when the chain does not answer
 */
export class AssetContracts {
  readonly #code = new Map<string, Hex>()

  constructor(readonly publicClient: PublicClient) {}

  /** Whether `asset` is a contract, asking the chain only the first time; throws when the chain does not answer. */
  async load(asset: string): Promise<boolean> {
    const key = asset.toLowerCase()
    if (this.#code.has(key)) return true
    const code = await this.publicClient.getCode({ address: getAddress(asset) })
    if (!code || code === '0x') return false
    // Bounded by the asset allow-list in production; a cap keeps an open test facilitator small too.
    if (this.#code.size < 1024) this.#code.set(key, code)
    return true
  }

  /** The code of an asset already loaded, without asking the chain. */
  known(address: Address): Hex | undefined {
    return this.#code.get(address.toLowerCase())
  }
}
