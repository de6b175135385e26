import { existsSync, readFileSync } from 'node:fs'
import { parseUsd } from '@rightflow/sdk'
import { type Address, parseEther } from 'viem'
import { z } from 'zod'
import type { PaymentsConfig } from './payments/startPayments.js'

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte hex address')
/** Dollars as a person writes them ("0.001"), in payment token units (6 decimals). */
const dollars = z
  .string()
  .regex(/^\d+(\.\d{1,6})?$/, 'expected dollars, e.g. 0.001 (at most 6 decimals)')
  .transform((text) => parseUsd(text))
/** Addresses as a JSON array, or comma-separated in an environment variable. */
const addressList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  z.array(address),
)
/** Ether as a person writes it ("0.05"), in wei. */
const ether = z
  .string()
  .regex(/^\d+(\.\d{1,18})?$/, 'expected ether, e.g. 0.05')
  .transform((text) => parseEther(text))

export type RelayConfig = {
  /** Direct registrations and relayed consent grants per signing account per UTC day. */
  quotaPerDay: number
  /** Transactions of that kind for all accounts together per UTC day (accounts are free to make). */
  dailyCap: number
  /** /health warns `relayer_balance_low` below this balance (wei). */
  minBalance: bigint
}

export const defaultRelayConfig: RelayConfig = {
  quotaPerDay: 100,
  dailyCap: 10_000,
  minBalance: parseEther('0.01'),
}

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
  /**
   * The embedded chain also mines a block every this many seconds, so that anything read from the latest block's
   * time (streams, escrow deadlines, channel challenges, wallet periods, license expiry) is right on an idle
   * chain; 0 mines only when a transaction arrives.
   */
  blockTime: z.coerce.number().int().min(0).max(3600).default(2),
  batchMaxCount: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  batchMaxAgeMs: z.coerce.number().int().min(10).default(5_000),
  /** A sent batch whose transaction is not on the canonical chain for this long is sent again. */
  anchorResendMs: z.coerce.number().int().min(100).default(120_000),
  startBlock: z.coerce.number().int().min(0).default(0),
  /** PEM file of trust anchors for validating C2PA manifests in uploaded files. */
  trustAnchors: z.string().optional(),
  /** Price of one call of GET /v1/paid/content/… */
  paidContentPrice: dollars.default(parseUsd('0.001')),
  /** Share (basis points) of each such payment for the IP asset that covers the bytes. */
  paidContentRoyaltyBps: z.coerce.number().int().min(0).max(10_000).default(1_000),
  /** Smallest deposit asked of a new payment channel. */
  channelMinDeposit: dollars.default(parseUsd('0.10')),
  /** The claimer claims a channel once this much is claimable… */
  claimMinUnclaimed: dollars.default(parseUsd('1')),
  /** …or once its oldest unclaimed charge is this old. */
  claimMaxAgeMs: z.coerce.number().int().min(1_000).default(3_600_000),
  claimPollMs: z.coerce.number().int().min(100).default(5_000),
  /** Royalties collected through exact payments are paid on once an asset is owed this much. */
  royaltyMinForward: dollars.default(parseUsd('0.10')),
  /**
   * Payees of other resource servers whose `exact` payments /facilitator/settle settles at the relayer's cost.
   * Empty (the default): only payments to this server's own paid routes.
   */
  facilitatorPayees: addressList.default([]),
  /** Direct registrations and relayed consent grants the relayer pays for, per signing account per UTC day. */
  relayQuota: z.coerce.number().int().min(0).default(defaultRelayConfig.quotaPerDay),
  /** The same transactions for all accounts together per UTC day (parent proofs count one each). */
  relayDailyCap: z.coerce.number().int().min(0).default(defaultRelayConfig.dailyCap),
  /** /health reports `relayer_balance_low` below this relayer balance (ether). */
  relayerMinBalance: ether.default(defaultRelayConfig.minBalance),
  /**
   * MiB of request bodies (uploads, JSON) held in memory at once; beyond it requests get 503 server_busy with
   * Retry-After. At least one maximal upload (64 MiB).
   */
  uploadBudgetMiB: z.coerce.number().int().min(64).max(1_048_576).default(256),
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
  blockTime: 'RIGHTFLOW_BLOCK_TIME',
  batchMaxCount: 'RIGHTFLOW_BATCH_MAX_COUNT',
  batchMaxAgeMs: 'RIGHTFLOW_BATCH_MAX_AGE_MS',
  anchorResendMs: 'RIGHTFLOW_ANCHOR_RESEND_MS',
  startBlock: 'RIGHTFLOW_START_BLOCK',
  trustAnchors: 'RIGHTFLOW_TRUST_ANCHORS',
  paidContentPrice: 'RIGHTFLOW_PAID_CONTENT_PRICE',
  paidContentRoyaltyBps: 'RIGHTFLOW_PAID_CONTENT_ROYALTY_BPS',
  channelMinDeposit: 'RIGHTFLOW_CHANNEL_MIN_DEPOSIT',
  claimMinUnclaimed: 'RIGHTFLOW_CLAIM_MIN_UNCLAIMED',
  claimMaxAgeMs: 'RIGHTFLOW_CLAIM_MAX_AGE_MS',
  claimPollMs: 'RIGHTFLOW_CLAIM_POLL_MS',
  royaltyMinForward: 'RIGHTFLOW_ROYALTY_MIN_FORWARD',
  facilitatorPayees: 'RIGHTFLOW_FACILITATOR_PAYEES',
  relayQuota: 'RIGHTFLOW_RELAY_QUOTA',
  relayDailyCap: 'RIGHTFLOW_RELAY_DAILY_CAP',
  relayerMinBalance: 'RIGHTFLOW_RELAYER_MIN_BALANCE',
  uploadBudgetMiB: 'RIGHTFLOW_UPLOAD_BUDGET_MIB',
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

/** The payment settings of a configuration, as the server takes them. */
export function paymentsConfigOf(config: RightflowConfig): PaymentsConfig {
  return {
    contentPrice: config.paidContentPrice,
    royaltyBps: config.paidContentRoyaltyBps,
    minDeposit: config.channelMinDeposit,
    claimMinUnclaimed: config.claimMinUnclaimed,
    claimMaxAgeMs: config.claimMaxAgeMs,
    claimPollMs: config.claimPollMs,
    royaltyMinForward: config.royaltyMinForward,
    facilitatorPayees: config.facilitatorPayees as Address[],
  }
}

/** What the relayer pays for besides anchoring, and when /health warns about its balance. */
export function relayConfigOf(config: RightflowConfig): RelayConfig {
  return {
    quotaPerDay: config.relayQuota,
    dailyCap: config.relayDailyCap,
    minBalance: config.relayerMinBalance,
  }
}
