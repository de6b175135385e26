import { existsSync, readFileSync } from 'node:fs'
import { fixed, int, type Table } from './section.js'

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Server stages whose inclusive time we want, by function name and the file that defines it. */
const stages: [string, string][] = [
  ['readJson', 'http/readJson.ts'],
  ['check', 'ingest/RecordService.ts'],
  ['validateRecord', 'record/validateRecord.ts'],
  ['metadataHash', 'record/createRecord.ts'],
  ['verifyRecordSignature', 'record/verifyRecordSignature.ts'],
  ['recordIdBytes', 'record/recordId.ts'],
  ['recoverSigner', 'record/recoverSigner.ts'],
  ['existingIds', 'store/sqlite/SqliteStore.ts'],
  ['insertRecords', 'store/sqlite/SqliteStore.ts'],
  ['closeBatch', 'anchoring/Batcher.ts'],
  ['buildMerkleTree', 'merkle/merkleTree.ts'],
  ['merkleProofBytes', 'merkle/merkleTree.ts'],
  ['saveBatch', 'store/sqlite/SqliteStore.ts'],
  ['counts', 'store/sqlite/SqliteStore.ts'],
]

/** Self and inclusive CPU time of the server process, from a .cpuprofile file. */
export function summarizeProfile(path: string): { tables: Table[]; note: string } {
  if (!existsSync(path)) return { tables: [], note: 'no profile was written' }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  const idle = sumWhere(profile.nodes, self, (n) => n.callFrame.functionName === '(idle)')
  const busy = [...self.values()].reduce((a, b) => a + b, 0) - idle
  const pct = (ms: number) => `${fixed((100 * ms) / busy, 1)} %`

  const selfBy = (key: (frame: CallFrame) => string) => {
    const totals = new Map<string, number>()
    for (const node of profile.nodes) {
      if (node.callFrame.functionName === '(idle)') continue
      const k = key(node.callFrame)
      totals.set(k, (totals.get(k) ?? 0) + (self.get(node.id) ?? 0))
    }
    return [...totals].sort((a, b) => b[1] - a[1])
  }
  const inclusive = inclusiveTimes(profile.nodes[0]!, byId, self)
  return {
    tables: [
      {
        headers: ['server stage (inclusive CPU)', 'ms', 'share of busy time'],
        rows: stages.flatMap(([name, path]) => {
          const ms = inclusive.get(`${name}@${path}`)
          return ms ? [[`\`${name}\` (${path})`, int(ms), pct(ms)]] : []
        }),
      },
      {
        headers: ['where the self time goes', 'ms', 'share of busy time'],
        rows: selfBy(area)
          .slice(0, 12)
          .map(([k, ms]) => [k, int(ms), pct(ms)]),
      },
      {
        headers: ['hottest functions (self time)', 'ms', 'share of busy time'],
        rows: selfBy(
          (f) =>
            `\`${f.functionName || '(anonymous)'}\` ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`,
        )
          .slice(0, 15)
          .map(([k, ms]) => [k, int(ms), pct(ms)]),
      },
    ],
    note: `${int(busy)} ms busy, ${int(idle)} ms idle`,
  }
}

/** Inclusive time per stage, counting each stage once per stack even under recursion. */
function inclusiveTimes(root: ProfileNode, byId: Map<number, ProfileNode>, self: Map<number, number>) {
  const totals = new Map<string, number>()
  const walk = (node: ProfileNode, open: Set<string>): number => {
    const key = stageKey(node.callFrame)
    const entered = key !== undefined && !open.has(key)
    if (entered) open.add(key)
    let time = self.get(node.id) ?? 0
    for (const child of node.children ?? []) time += walk(byId.get(child)!, open)
    if (entered) {
      open.delete(key)
      totals.set(key, (totals.get(key) ?? 0) + time)
    }
    return time
  }
  walk(root, new Set())
  return totals
}

function stageKey({ functionName, url }: CallFrame): string | undefined {
  const stage = stages.find(([name, path]) => name === functionName && url.endsWith(path))
  return stage && `${stage[0]}@${stage[1]}`
}

function sumWhere(
  nodes: ProfileNode[],
  self: Map<number, number>,
  test: (n: ProfileNode) => boolean,
): number {
  return nodes.filter(test).reduce((a, n) => a + (self.get(n.id) ?? 0), 0)
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/')
  if (modules >= 0) return url.slice(modules + 1)
  const packages = url.indexOf('/packages/')
  if (packages >= 0) return url.slice(packages + 1)
  return url.replace(/^file:\/\//, '')
}

/** A package, one of our source files, node's internals, or the VM's own buckets (GC, native code). */
function area({ functionName, url }: CallFrame): string {
  if (!url)
    return functionName.startsWith('(')
      ? functionName
      : `native \`${functionName}\` (C++ bindings: SQLite, secp256k1, …)`
  const modules = url.lastIndexOf('/node_modules/')
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/')
    return `npm: ${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`
  }
  const packages = url.indexOf('/packages/')
  if (packages >= 0) return url.slice(packages + 1)
  if (url.startsWith('node:')) return `node internals (${url.split('/')[0]!.replace('node:', '')})`
  return shortUrl(url)
}
