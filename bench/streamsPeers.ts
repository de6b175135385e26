/**
 * Published gas figures of other streaming protocols, shown beside ours. NOT measured here: there is no internet
 * on the bench machine and their contracts are not deployed on our anvil. Each figure was read from the file named
 * in `source` (found through the project's code search, at the commit given) and is copied as published; the lead
 * verifies them before they are quoted. `status` says how sure we are of what a figure counts.
 *
 * How the figures were measured, which decides what ours are compared with:
 * - Sablier (sablier-labs/benchmarks): forge tests on an Ethereum-mainnet fork against the deployed contracts,
 *   USDC as the token, `gasleft()` before and after the call. That is execution gas only (no 21,000 base, no
 *   calldata), and several calls run inside one test transaction, so accounts and slots touched earlier are warm.
 *   Compared with our execution gas (receipt gas minus the intrinsic part); even so they flatter Sablier a little.
 * - LlamaPay (LlamaPay/llamapay README): the method is not stated; the figures look like whole-transaction gas
 *   (hardhat). Compared with our transaction gas. To be confirmed.
 */

/** Our operations that a peer figure is set beside. */
export type StreamsOperation = 'open' | 'withdraw' | 'topUp' | 'cancel'

export type PeerFigure = {
  protocol: string
  /** The peer's call(s), as the source names them. */
  call: string
  /** Which of our operations does the same job. */
  ours: StreamsOperation
  gas: number
  /** What the figure counts: execution gas inside the call, or a whole transaction's gas. */
  basis: 'execution' | 'transaction'
  source: string
  status: 'copied from the source' | 'to be confirmed'
}

const sablierFlow =
  'github.com/sablier-labs/benchmarks results/flow/flow.md @ b7aef81003812d71911b8aea285a3c12793a80de'
const sablierLockup =
  'github.com/sablier-labs/benchmarks results/lockup/lockup-linear.md @ 4881009bb044bf9551d5df1e6ab8f679e3f92918'

export const peerFigures: PeerFigure[] = [
  {
    protocol: 'Sablier Flow',
    call: 'create + deposit (two calls; our open does both)',
    ours: 'open',
    gas: 124_326 + 37_540,
    basis: 'execution',
    source: sablierFlow,
    status: 'copied from the source',
  },
  {
    protocol: 'Sablier Flow',
    call: 'deposit',
    ours: 'topUp',
    gas: 37_540,
    basis: 'execution',
    source: sablierFlow,
    status: 'copied from the source',
  },
  {
    protocol: 'Sablier Flow',
    call: 'withdraw (solvent stream)',
    ours: 'withdraw',
    gas: 40_985,
    basis: 'execution',
    source: sablierFlow,
    status: 'copied from the source',
  },
  {
    protocol: 'Sablier Lockup (linear)',
    call: 'createWithDurationsLL (no cliff)',
    ours: 'open',
    gas: 122_317,
    basis: 'execution',
    source: sablierLockup,
    status: 'copied from the source',
  },
  {
    protocol: 'Sablier Lockup (linear)',
    call: 'withdraw (vesting ongoing, by recipient)',
    ours: 'withdraw',
    gas: 20_020,
    basis: 'execution',
    source: sablierLockup,
    status: 'copied from the source',
  },
  {
    protocol: 'Sablier Lockup (linear)',
    call: 'cancel',
    ours: 'cancel',
    gas: 41_247,
    basis: 'execution',
    source: sablierLockup,
    status: 'copied from the source',
  },
  {
    protocol: 'LlamaPay',
    call: 'create a stream and fund it',
    ours: 'open',
    gas: 156_500,
    basis: 'transaction',
    source: 'github.com/LlamaPay/llamapay README.md ("Gas costs") @ 09f9ec7eefcc90e83ba93203a55333164c3a705a',
    status: 'to be confirmed',
  },
]

/** LlamaPay's earlier README figure for creating a stream without funding it: no operation of ours matches. */
export const llamaPayCreateOnly = {
  gas: 69_963,
  source:
    'github.com/LlamaPay/llamapay README.md ("Cost to create a stream") @ bd69feae128bbd01f0d1d339fae00152b42bc631',
}
