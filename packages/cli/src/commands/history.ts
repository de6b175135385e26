import { findRecordsByContentHash, getLineage, type Hex, type LineageNode, sha256File } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { color, emit } from '../output.js'

export function historyCommand(program: Command, context: () => CliContext): void {
  program
    .command('history <file|record-id>')
    .description('the lineage of a work: ancestors and descendants, as trees')
    .option('--depth <n>', 'how many generations to follow', '16')
    .action(async (target: string, options: { depth: string }) => {
      const ctx = context()
      const { id, laterClaims, anchored } = await resolveId(ctx, target)
      const lineage = await getLineage(ctx.api, id, Number(options.depth))
      emit(ctx.json, lineage, () => {
        if (laterClaims > 0)
          console.log(
            color.dim(
              anchored
                ? `  (the earliest anchored claim on these bytes, ${id}; ${laterClaims} later claim(s) on them: \`rightflow verify\` lists them)`
                : `  (${id}, the first of ${laterClaims + 1} records of these bytes; none is anchored yet)`,
            ),
          )
        console.log('Ancestors (what it was made from)')
        printTree(lineage.ancestors)
        console.log('\nDescendants (what was made from it)')
        printTree(lineage.descendants)
      })
    })
}

/** The record a target names; for a file, the earliest claim on its bytes (the server lists it first). */
async function resolveId(
  ctx: CliContext,
  target: string,
): Promise<{ id: Hex; laterClaims: number; anchored: boolean }> {
  if (/^0x[0-9a-fA-F]{64}$/.test(target))
    return { id: target.toLowerCase() as Hex, laterClaims: 0, anchored: false }
  const { contentHash } = await sha256File({ path: target }).catch(() => {
    throw new CliError(`${target} is neither a record id nor a readable file`)
  })
  const [record, ...others] = await findRecordsByContentHash(ctx.api, contentHash)
  if (!record) throw new CliError(`${target} has no record`, 3, 'not_found')
  return { id: record.id, laterClaims: others.length, anchored: record.status === 'anchored' }
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
