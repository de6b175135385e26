// `npm run bench`: every benchmark in one run, tables on stdout, progress on stderr, the report rewritten.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { runC2pa } from './c2pa.js'
import { benchDir, only, quick } from './config.js'
import { runGas } from './gas.js'
import { runIngest } from './ingest.js'
import { runLookup } from './lookup.js'
import { describeMachine, loadAverage } from './machine.js'
import { runMerkle } from './merkle.js'
import { runPerceptual } from './perceptual.js'
import { writeReport } from './report.js'
import { runRights } from './rights.js'
import { renderSection, type Section } from './section.js'
import { runSettle } from './settle.js'
import { progress } from './stats.js'
import { runStreams } from './streams.js'

const benchmarks: [string, () => Promise<Section>][] = [
  ['gas', runGas],
  ['ingest', runIngest],
  ['lookup', runLookup],
  ['merkle', runMerkle],
  ['perceptual', runPerceptual],
  ['c2pa', runC2pa],
  ['rights', runRights],
  ['streams', runStreams],
  ['settle', runSettle],
]

const machine = describeMachine()
progress(
  `commit ${machine.commit}, ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage}`,
)
const start = performance.now()
const sections: Section[] = []
let failed = false
for (const [name, run] of benchmarks) {
  if (only.size > 0 && !only.has(name)) continue
  const sectionStart = performance.now()
  // A benchmark that breaks is reported and the others still run; the report then stays out of docs/.
  const section = await run().catch((error: unknown): Section => {
    failed = true
    console.error(error)
    const message = error instanceof Error ? error.message : String(error)
    return { id: name, title: `${name}: did not complete`, summary: [], tables: [], notes: [`❌ ${message}`] }
  })
  sections.push(section)
  console.log(`\n${renderSection(section)}\n`)
  progress(`${name}: ${((performance.now() - sectionStart) / 1000).toFixed(0)} s`)
}
const totalSeconds = (performance.now() - start) / 1000
const full = !quick && only.size === 0 && !failed
mkdirSync(benchDir, { recursive: true })
const path = full
  ? new URL('../docs/benchmarks.md', import.meta.url).pathname
  : join(benchDir, 'benchmarks-partial.md')
writeReport(path, { machine, sections, totalSeconds, quick, loadAfter: loadAverage() })
progress(`done in ${totalSeconds.toFixed(0)} s; report written to ${path}`)
if (failed) process.exitCode = 1
