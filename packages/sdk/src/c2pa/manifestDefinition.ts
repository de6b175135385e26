import type { Address, Hex } from 'viem'
// Imported, not read at run time, so the version survives bundling (the CLI is one esbuild file).
import sdkPackage from '../../package.json' with { type: 'json' }
import type { ProvenanceRecord } from '../record/types.js'
import { digitalSourceTypeFor } from './digitalSourceType.js'
import { rightflowRecordLabel } from './rightflowAssertion.js'
import { type TrainingMining, trainingMiningAssertion, trainingMiningLabel } from './trainingMining.js'

export type ManifestDefinitionParameters = {
  mediaType: string
  record: ProvenanceRecord
  recordId: Hex
  chainId: number
  registry: Address
  trainingMining?: TrainingMining | undefined
  title?: string | undefined
  /** Overrides the IPTC term derived from the record's origin. */
  digitalSourceType?: string | undefined
  /** The file already carries credentials, kept as the `parentOf` ingredient under this id. */
  existingIngredientId?: string | undefined
}

type Action = Record<string, unknown> & { action: string }
type Ingredient = { title: string; relationship: 'parentOf' | 'componentOf'; label: string }

/**
 * The c2pa-rs ManifestDefinition for a record. Parents become ingredients described by their record
 * ids alone (we hold their records, not their bytes; c2pa-rs accepts an ingredient without a file),
 * referenced by the actions through `ingredientIds`:
 *
 * - no ingredients: `c2pa.created` with the origin's digital source type;
 * - a composite: `c2pa.created`, then `c2pa.placed` for every parent (all `componentOf`);
 * - an edit: `c2pa.opened` on the one `parentOf` ingredient (the credentials already in the file, or
 *   else the first parent: record parents are sorted by id, so "first" carries no meaning beyond
 *   being stable), `c2pa.placed` for the others (`componentOf`), then `c2pa.edited` with the source
 *   type. A file whose own credentials are kept, and that names no parents, gets no `c2pa.edited`:
 *   nothing was edited, and its earlier manifest already says how it was made.
 *
 * The AI model is the `softwareAgent` of the action that carries the source type.
 *
 * @example
 * WasmBuilder.fromJson(JSON.stringify(manifestDefinition({ mediaType, record, recordId, chainId, registry })))
 */
export function manifestDefinition(p: ManifestDefinitionParameters): Record<string, unknown> {
  const { record, existingIngredientId } = p
  const parents: Ingredient[] = record.parents.map((id) => ({
    title: id,
    relationship: 'componentOf',
    label: id,
  }))
  const derived = parents.length > 0 || existingIngredientId !== undefined
  const stated = {
    digitalSourceType: p.digitalSourceType ?? digitalSourceTypeFor(record.origin, { derived }),
    ...(record.model ? { softwareAgent: { name: record.model } } : {}),
    when: new Date(record.createdAt * 1000).toISOString(),
  }
  const placed = (ingredients: Ingredient[]): Action[] =>
    ingredients.map((i) => ({ action: 'c2pa.placed', parameters: { ingredientIds: [i.label] } }))

  let actions: Action[]
  if (!derived) actions = [{ action: 'c2pa.created', ...stated }]
  else if (record.origin === 'composite' && existingIngredientId === undefined)
    actions = [{ action: 'c2pa.created', ...stated }, ...placed(parents)]
  else {
    const primary = existingIngredientId ?? parents[0]!.label
    const components = existingIngredientId === undefined ? parents.slice(1) : parents
    if (existingIngredientId === undefined) parents[0]!.relationship = 'parentOf'
    actions = [{ action: 'c2pa.opened', parameters: { ingredientIds: [primary] } }, ...placed(components)]
    if (parents.length > 0) actions.push({ action: 'c2pa.edited', ...stated })
  }

  return {
    claim_generator_info: [{ name: 'Rightflow', version: sdkPackage.version }],
    ...(p.title ? { title: p.title } : {}),
    format: p.mediaType,
    ingredients: parents,
    assertions: [
      { label: 'c2pa.actions', data: { actions } },
      { label: trainingMiningLabel, data: trainingMiningAssertion(p.trainingMining) },
      {
        label: rightflowRecordLabel,
        data: {
          recordId: p.recordId,
          chainId: p.chainId,
          registry: p.registry,
          contentHash: record.contentHash,
        },
      },
    ],
  }
}
