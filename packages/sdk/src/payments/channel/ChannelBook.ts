import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Address, Hex } from 'viem'

/** What a paying client knows of one of its channels. Amounts in token units. */
export type ClientChannel = {
  channelId: Hex
  /** Who funded it: the account itself, or the agent's channel account (opened from an agent wallet). */
  payer: Address
  fromAgentWallet: boolean
  /** Signs the vouchers: the channel's own key (below), or the account (an agent wallet's channels). */
  voucherSigner: Address
  /**
   * The channel's own voucher key, when the client chose one at open: it can sign vouchers of this channel
   * only, and signs natively (~0.1 ms) where a viem account takes 1–2 ms.
   */
  voucherKey?: Hex | undefined
  deposit: bigint
  /** The largest cumulative amount signed, and its signature. */
  signed: bigint
  signature: Hex | undefined
  /** What the client counts as charged by the server: the base of the next voucher. */
  spent: bigint
}

type StoredChannel = Omit<ClientChannel, 'deposit' | 'signed' | 'spent'> & {
  deposit: string
  signed: string
  spent: string
}

const version = 1

/**
 * A paying client's channels, one per (network, channel contract, payee, royalty), in memory and optionally in a
 * JSON file the caller names. The file is written to a temporary name and renamed into place (never half
 * written), and writes are coalesced: many vouchers a second cost one write per write's duration. Losing the
 * latest writes is safe: the server's corrective 402 carries the last voucher it accepted, which the client
 * checks is its own before trusting it. The file holds channel voucher keys: it is written readable by its owner
 * only.
 */
export class ChannelBook {
  readonly #channels = new Map<string, ClientChannel>()
  readonly #path: string | undefined
  #writing: Promise<void> | undefined
  #dirty = false

  private constructor(path: string | undefined) {
    this.#path = path
  }

  /** The book kept at `path` (created on first save), or an in-memory one. */
  static async open(path?: string): Promise<ChannelBook> {
    const book = new ChannelBook(path)
    if (!path) return book
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return book
      throw error
    }
    const stored = JSON.parse(text) as { version: number; channels: Record<string, StoredChannel> }
    if (stored.version !== version) throw new Error(`${path}: unknown channel book version ${stored.version}`)
    for (const [key, channel] of Object.entries(stored.channels))
      book.#channels.set(key, {
        ...channel,
        deposit: BigInt(channel.deposit),
        signed: BigInt(channel.signed),
        spent: BigInt(channel.spent),
      })
    return book
  }

  get(key: string): ClientChannel | undefined {
    return this.#channels.get(key)
  }

  set(key: string, channel: ClientChannel): void {
    this.#channels.set(key, channel)
  }

  delete(key: string): void {
    this.#channels.delete(key)
  }

  entries(): [string, ClientChannel][] {
    return [...this.#channels.entries()]
  }

  /** Resolves once the current state is on disk (at once without a file). */
  async save(): Promise<void> {
    if (!this.#path) return
    this.#dirty = true
    while (this.#dirty) {
      if (this.#writing) {
        await this.#writing
        continue
      }
      this.#dirty = false
      this.#writing = this.#write(this.#path).finally(() => {
        this.#writing = undefined
      })
      await this.#writing
    }
  }

  async #write(path: string): Promise<void> {
    const channels: Record<string, StoredChannel> = {}
    for (const [key, c] of this.#channels)
      channels[key] = {
        ...c,
        deposit: c.deposit.toString(),
        signed: c.signed.toString(),
        spent: c.spent.toString(),
      }
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    await mkdir(dirname(path), { recursive: true })
    try {
      await writeFile(temporary, `${JSON.stringify({ version, channels }, null, 2)}\n`, { mode: 0o600 })
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => {})
      throw error
    }
  }
}
