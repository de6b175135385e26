import { writeFileSync } from 'node:fs'
import type { Machine } from './machine.js'
import { renderSection, renderTable, type Section, verdict } from './section.js'

export type Run = {
  machine: Machine
  sections: Section[]
  totalSeconds: number
  quick: boolean
  loadAfter: string
}

/** docs/benchmarks.md: the summary against the targets, each benchmark's tables, the machine, how to reproduce. */
export function renderReport({ machine, sections, totalSeconds, quick, loadAfter }: Run): string {
  const summary = renderTable({
    headers: ['target', 'result', ''],
    rows: sections.flatMap((s) => s.summary.map((o) => [o.target, o.result, verdict(o.met)])),
  })
  return `# Benchmarks

<!-- Written by \`npm run bench\` (bench/run.ts). Do not edit by hand: change the bench and run it again. -->

Numbers from commit \`${machine.commit}\`, measured ${machine.date}${quick ? ' in a **quick smoke run (BENCH_QUICK=1): smaller sizes, not the numbers to quote**' : ''}. The whole run took ${Math.round(totalSeconds)} s.

${renderTable({
  headers: ['machine', ''],
  rows: [
    ['CPU', `${machine.cpu}, ${machine.cores} cores`],
    ['memory', `${machine.memoryGiB} GiB`],
    ['OS', machine.os],
    ['Node.js', machine.node],
    ['load average (1, 5, 15 min)', `${machine.loadAverage} at the start, ${loadAfter} at the end`],
  ],
})}

The machine is shared with other work (tests, other servers): the load average shows how much. Gas numbers do
not depend on it; throughput and latency do.

## Targets

${summary}

${sections.map(renderSection).join('\n\n')}

## How to reproduce

\`\`\`sh
npm install
npm run bench                   # everything, about ${Math.max(1, Math.round(totalSeconds / 60))} min (plus a few minutes the first time, see below)
BENCH_QUICK=1 npm run bench     # smoke run: same code paths, small sizes, about half a minute
BENCH_ONLY=gas,merkle npm run bench   # a subset: gas, ingest, lookup, merkle, perceptual, c2pa, rights, streams, settle
BENCH_PROFILE=0 npm run bench   # skips the extra CPU-profiled ingest pass
\`\`\`

Only a complete full run rewrites this file; quick, partial and failed runs print their tables and write
\`.bench/benchmarks-partial.md\`. Each benchmark starts its own anvil (from the \`@foundry-rs/anvil\` npm
package) with the registry at its deterministic address. The first full run seeds the million-record store for
the lookup benchmark (a few minutes, progress on stderr) and caches it as \`.bench/lookup-1000000-v1.db\`
(git-ignored, about 1.6 GB); later runs reuse it. Delete \`.bench/\` to start over. The code is in \`bench/\`:
one file per benchmark (\`gas.ts\`, \`ingest.ts\`, \`lookup.ts\`, \`merkle.ts\`, \`perceptual.ts\`, \`c2pa.ts\`,
\`rights.ts\`, \`streams.ts\`, \`settle.ts\`), \`run.ts\` runs them in turn. The rights benchmark also deploys two bench-only contracts
(\`contracts/test/mocks/bench/\`) from forge's build output: run \`cd contracts && forge build\` first.
`
}

export function writeReport(path: string, run: Run): void {
  writeFileSync(path, renderReport(run))
}
