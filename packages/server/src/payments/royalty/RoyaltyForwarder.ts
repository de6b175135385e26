import { payRoyalty, type RightsAddresses } from '@rightflow/sdk'
import type { PublicClient, WalletClient } from 'viem'
import { type Logger, silentLogger } from '../../logger.js'
import { repeat } from '../repeat.js'
import type { RoyaltyLedger } from './RoyaltyLedger.js'

export type RoyaltyForwarderOptions = {
  ledger: RoyaltyLedger
  publicClient: PublicClient
  /** The payee that collected the royalties and now pays them on. */
  walletClient: WalletClient
  rights: RightsAddresses
  /** Pay an asset once it is owed at least this much (token units). */
  minAmount: bigint
  log?: Logger | undefined
}

/**
 * Pays the royalties a payee collected through `exact` payments to the assets' vaults: one `payRoyalty` per
 * asset owed at least `minAmount` (approving the registry as needed), recording what was paid.
 *
 * @example
 * await new RoyaltyForwarder({ ledger, publicClient, walletClient, rights, minAmount: 100_000n }).tick()
 */
export class RoyaltyForwarder {
  readonly #o: RoyaltyForwarderOptions
  #running: Promise<bigint> | undefined
  #loop: ReturnType<typeof repeat> | undefined

  constructor(options: RoyaltyForwarderOptions) {
    this.#o = options
  }

  /** Pays what is due every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    const log = this.#o.log ?? silentLogger
    this.#loop ??= repeat(
      () => this.tick(),
      intervalMs,
      (error) =>
        log.warn(
          `royalty forwarding: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        ),
    )
  }

  async stop(): Promise<void> {
    await this.#loop?.stop()
    this.#loop = undefined
    await this.#running?.catch(() => {})
  }

  /** Pays what is due; resolves to the total paid. One round at a time. */
  tick({ all = false }: { all?: boolean } = {}): Promise<bigint> {
    this.#running ??= this.#tick(all).finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #tick(all: boolean): Promise<bigint> {
    const { ledger, publicClient, walletClient, rights, minAmount } = this.#o
    let total = 0n
    for (const { assetId, owed, paid } of await ledger.listDue()) {
      const amount = owed - paid
      if (!all && amount < minAmount) continue
      await payRoyalty({ publicClient, walletClient, contracts: rights, assetId, amount })
      await ledger.markPaid(assetId, owed)
      total += amount
      ;(this.#o.log ?? silentLogger).info(
        `paid ${amount} of royalties collected by exact payments to ${assetId}`,
      )
    }
    return total
  }
}
