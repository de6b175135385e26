import { findRecordsByContentHash, getLineage, type Hex, type LineageNode, sha256File } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit } from '../output.js'

export function historyCommand(program: Command, context: () => CliContext): void {
  program
    .command('history <file|record-id>')
    .description('the lineage of a work: ancestors and descendants, as trees')
    .option('--depth <n>', 'how many generations to follow', '16')
    .action(async (target: string, options: { depth: string }) => {
      const ctx = context()
      const id = await resolveId(ctx, target)
      const lineage = await getLineage(ctx.api, id, Number(options.depth))
      emit(ctx.json, lineage, () => {
        console.log('Ancestors (what it was made from)')
        printTree(lineage.ancestors)
        console.log('\nDescendants (what was made from it)')
        printTree(lineage.descendants)
      })
    })
}

async function resolveId(ctx: CliContext, target: string): Promise<Hex> {
  if (/^0x[0-9a-fA-F]{64}$/.test(target)) return target.toLowerCase() as Hex
  const { contentHash } = await sha256File({ path: target }).catch(() => {
    throw new CliError(`${target} is neither a record id nor a readable file`)
  })
  const [record] = await findRecordsByContentHash(ctx.api, contentHash)
  if (!record) throw new CliError(`${target} has no record`, 3, 'not_found')
  return record.id
}

function label(node: LineageNode): string {
  if (!node.known) return `${node.id.slice(0, 18)}…  (not in this store)`
  const title = node.title ? `"${node.title}" ` : ''
  return `${title}${node.id.slice(0, 18)}…  ${node.origin}  ${node.status}${node.truncated ? '  …' : ''}`
}

/** Prints a tree with box-drawing branches, one node a line. */
export function printTree(node: LineageNode, prefix = '', last = true, root = true): void {
  console.log(root ? `  ${label(node)}` : `  ${prefix}${last ? '└─ ' : '├─ '}${label(node)}`)
  const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`
  for (const [i, child] of node.next.entries())
    printTree(child, childPrefix, i === node.next.length - 1, false)
}
