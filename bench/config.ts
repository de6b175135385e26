/**
 * Sizes for one run. `BENCH_QUICK=1` runs the same code paths at smaller sizes (a smoke run of about a
 * minute); its numbers are not the ones to quote.
 */
export const quick = process.env.BENCH_QUICK === '1'

/** `BENCH_ONLY=gas,merkle` runs a subset (the doc is still rewritten, with only those sections). */
export const only = new Set(
  (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
)

/** An extra CPU-profiled ingest pass reporting where the server's time goes; `BENCH_PROFILE=0` skips it. */
export const profile = process.env.BENCH_PROFILE !== '0'

export const sizes = quick
  ? {
      gasBatchSizes: [1, 100, 10_000],
      easMultiAttest: 100,
      ingestRecords: 10_000,
      ingestCreators: 4,
      ingestPasses: 1,
      lookupRecords: 20_000,
      lookupWarmup: 200,
      lookupSamples: 2_000,
      merkleLeaves: 100_000,
      rightsHolders: [1, 100, 1_000],
      rightsDepths: [1, 3, 10],
      settleChannelCalls: 2_000,
      settleExactCalls: 30,
      settleVoucherSeconds: 1,
      settleVerifierCharges: 2_000,
      settleLoadSeconds: 3,
    }
  : {
      gasBatchSizes: [1, 100, 10_000],
      easMultiAttest: 100,
      ingestRecords: 50_000,
      ingestCreators: 8,
      ingestPasses: 3,
      lookupRecords: 1_000_000,
      lookupWarmup: 1_000,
      lookupSamples: 10_000,
      merkleLeaves: 1_000_000,
      rightsHolders: [1, 100, 10_000],
      rightsDepths: [1, 3, 10],
      settleChannelCalls: 10_000,
      settleExactCalls: 300,
      settleVoucherSeconds: 3,
      settleVerifierCharges: 10_000,
      settleLoadSeconds: 10,
    }

/** Records per POST /v1/records/batch (the API's maximum) and requests in flight at once. */
export const ingestRequestSize = 1_000
export const ingestConcurrency = 4
/** The batcher's maxCount in the ingest and lookup runs, and the records per seeded batch. */
export const batchMaxCount = 10_000
/** Concurrent clients in the lookup's concurrency variant. */
export const lookupConcurrency = 8

/** Paying clients at once in the settle benchmark's load run, each with its own channel. */
export const settleClients = 100

/** Where cached seeded stores, temp databases and CPU profiles go (git-ignored). */
export const benchDir = new URL('../.bench/', import.meta.url).pathname
