/** The CAWG training-and-data-mining assertion's label (CAWG 1.1; C2PA 1.x used `c2pa.training-mining`). */
export const trainingMiningLabel = 'cawg.training-mining'

/** The four uses CAWG defines. */
export const trainingMiningUses = [
  'cawg.ai_generative_training',
  'cawg.ai_inference',
  'cawg.ai_training',
  'cawg.data_mining',
] as const
export type TrainingMiningUse = (typeof trainingMiningUses)[number]

/** `constrained` means "ask first"; consumers treat it as notAllowed unless they obtain permission. */
export type TrainingMiningPermission = 'allowed' | 'notAllowed' | 'constrained'

/** A permission per use, plus the terms for constrained ones (a licence name, a URL, free text). */
export type TrainingMining = Partial<
  Record<
    TrainingMiningUse,
    TrainingMiningPermission | { use: TrainingMiningPermission; constraintsInfo?: string }
  >
>

/**
 * The assertion's data: every one of the four uses, `notAllowed` unless `permissions` says otherwise,
 * so a file never implies consent by leaving a use out.
 *
 * @example
 * trainingMiningAssertion({ 'cawg.ai_inference': 'allowed' })
 */
export function trainingMiningAssertion(permissions: TrainingMining = {}): {
  entries: Record<string, { use: TrainingMiningPermission; constraints_info?: string }>
} {
  const entries: Record<string, { use: TrainingMiningPermission; constraints_info?: string }> = {}
  for (const use of trainingMiningUses) {
    const permission = permissions[use] ?? 'notAllowed'
    entries[use] =
      typeof permission === 'string'
        ? { use: permission }
        : {
            use: permission.use,
            ...(permission.constraintsInfo ? { constraints_info: permission.constraintsInfo } : {}),
          }
  }
  return { entries }
}
