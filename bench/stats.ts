/** Latency summary of a set of samples, in milliseconds. */
export type Percentiles = { p50: number; p90: number; p99: number; max: number; mean: number }

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  }
}

export function seconds(sinceMs: number): number {
  return (performance.now() - sinceMs) / 1000
}

/** Progress on stderr, so it never mixes with the tables on stdout. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}
