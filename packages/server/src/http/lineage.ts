import type { Hex, LineageNode } from '@rightflow/sdk'
import type { ProvenanceStore } from '../store/types.js'

/**
 * The lineage of a record as two trees: ancestors (following parents) and descendants (following
 * children). Depth and node count are bounded so one request can never walk an unbounded graph.
 */
export async function lineageOf(store: ProvenanceStore, id: Hex, maxDepth: number, maxNodes = 1000) {
  let budget = maxNodes
  const walk = async (nodeId: Hex, depth: number, direction: 'up' | 'down'): Promise<LineageNode> => {
    budget--
    const stored = await store.getRecord(nodeId)
    if (!stored) return { id: nodeId, known: false, next: [] }
    const node: LineageNode = {
      id: nodeId,
      known: true,
      origin: stored.record.origin,
      creator: stored.record.creator,
      contentHash: stored.record.contentHash,
      status: stored.status,
      next: [],
      ...(typeof stored.metadata?.title === 'string' ? { title: stored.metadata.title } : {}),
    }
    const ids = direction === 'up' ? stored.record.parents : await store.childrenOf(nodeId)
    if (ids.length > 0 && (depth >= maxDepth || budget <= 0)) node.truncated = true
    else for (const next of ids) node.next.push(await walk(next, depth + 1, direction))
    return node
  }
  return { ancestors: await walk(id, 0, 'up'), descendants: await walk(id, 0, 'down') }
}
