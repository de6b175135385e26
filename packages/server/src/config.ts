import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte hex address')

const configSchema = z.object({
  /** Use this chain instead of starting the embedded anvil. */
  rpcUrl: z.url().optional(),
  registry: address.optional(),
  /** The stablecoin licenses and royalties are paid in (USDC on a real chain); the test stablecoin by default. */
  paymentToken: address.optional(),
  /** Where the License contracts are, when not at their deterministic addresses. */
  assetRegistry: address.optional(),
  consentRegistry: address.optional(),
  /** Hex private key of the account that pays for anchoring (required with rpcUrl). */
  relayerKey: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .optional(),
  dataDir: z.string().default('.rightflow'),
  databasePath: z.string().optional(),
  port: z.coerce.number().int().min(0).max(65535).default(8645),
  anvilPort: z.coerce.number().int().min(0).max(65535).default(8545),
  batchMaxCount: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  batchMaxAgeMs: z.coerce.number().int().min(10).default(5_000),
  startBlock: z.coerce.number().int().min(0).default(0),
  /** PEM file of trust anchors for validating C2PA manifests in uploaded files. */
  trustAnchors: z.string().optional(),
})

export type RightflowConfig = z.infer<typeof configSchema>

const envNames: Record<keyof RightflowConfig, string> = {
  rpcUrl: 'RIGHTFLOW_RPC_URL',
  registry: 'RIGHTFLOW_REGISTRY',
  paymentToken: 'RIGHTFLOW_PAYMENT_TOKEN',
  assetRegistry: 'RIGHTFLOW_ASSET_REGISTRY',
  consentRegistry: 'RIGHTFLOW_CONSENT_REGISTRY',
  relayerKey: 'RIGHTFLOW_RELAYER_KEY',
  dataDir: 'RIGHTFLOW_DATA_DIR',
  databasePath: 'RIGHTFLOW_DB',
  port: 'RIGHTFLOW_PORT',
  anvilPort: 'RIGHTFLOW_ANVIL_PORT',
  batchMaxCount: 'RIGHTFLOW_BATCH_MAX_COUNT',
  batchMaxAgeMs: 'RIGHTFLOW_BATCH_MAX_AGE_MS',
  startBlock: 'RIGHTFLOW_START_BLOCK',
  trustAnchors: 'RIGHTFLOW_TRUST_ANCHORS',
}

/**
 * Configuration from `rightflow.config.json` (if present), overridden by RIGHTFLOW_* environment variables.
 * Throws one readable line per bad setting.
 */
export function loadConfig(env = process.env, file = 'rightflow.config.json'): RightflowConfig {
  const fromFile = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const fromEnv = Object.fromEntries(
    Object.entries(envNames).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : [])),
  )
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.path[0] as keyof RightflowConfig
    throw new Error(`bad setting ${envNames[key] ?? key} (or "${String(key)}" in ${file}): ${issue.message}`)
  }
  if (parsed.data.rpcUrl && !parsed.data.relayerKey)
    throw new Error(
      'RIGHTFLOW_RELAYER_KEY is required with RIGHTFLOW_RPC_URL (the account that pays for anchoring)',
    )
  return parsed.data
}
