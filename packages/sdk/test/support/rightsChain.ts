import {
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  type LocalAccount,
  parseEther,
  type TestClient,
  type WalletClient,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { type DevChain, startDevChain } from '../../../server/test/support/devChain.js'
import { makeSigned } from '../../../server/test/support/records.js'
import {
  type AssetKind,
  aiUses,
  createAsset,
  type LicenseTerms,
  mintTestStablecoin,
  type RightsContracts,
  recordId,
  registerRecordOnChain,
} from '../../src/index.js'

export type Actor = { account: LocalAccount; walletClient: WalletClient }

export type RightsChain = DevChain & {
  contracts: RightsContracts
  testClient: TestClient
  /** A fresh account with gas and `dollars` of test stablecoin. */
  actor(dollars?: number): Promise<Actor>
  /** A record registered by `owner` and turned into an asset. */
  newAsset(owner: Actor, kind?: AssetKind): Promise<{ assetId: Hex; vault: Hex }>
  /** The latest block's timestamp. */
  now(): Promise<number>
  /** What the SDK's rights actions take to act as `actor`. */
  clients(actor: Actor): {
    publicClient: DevChain['publicClient']
    walletClient: WalletClient
    contracts: RightsContracts
  }
  /** How many transactions `actor` has sent: refused actions must send none. */
  txCount(actor: Actor): Promise<number>
}

export const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 1e6))

/** A dev chain with the rights contracts, and helpers to make funded actors and assets on it. */
export async function startRightsChain(): Promise<RightsChain> {
  const chain = await startDevChain()
  const contracts = chain.rights
  const testClient = createTestClient({
    mode: 'anvil',
    chain: chain.walletClient.chain!,
    transport: http(chain.rpcUrl),
  })
  const domain = { chainId: chain.chainId, registry: chain.registry }

  async function actor(dollars = 100): Promise<Actor> {
    const account = privateKeyToAccount(generatePrivateKey())
    await testClient.setBalance({ address: account.address, value: parseEther('10') })
    const walletClient = createWalletClient({
      chain: chain.walletClient.chain,
      transport: http(chain.rpcUrl),
      account,
    })
    if (dollars > 0)
      await mintTestStablecoin({
        publicClient: chain.publicClient,
        walletClient: chain.walletClient,
        token: contracts.paymentToken,
        to: account.address,
        amount: usd(dollars),
      })
    return { account, walletClient }
  }

  async function newAsset(owner: Actor, kind: AssetKind = 'work') {
    const signed = await makeSigned(owner.account, domain)
    await registerRecordOnChain({
      publicClient: chain.publicClient,
      walletClient: owner.walletClient,
      registry: chain.registry,
      signed,
    })
    const created = await createAsset({
      publicClient: chain.publicClient,
      walletClient: owner.walletClient,
      contracts,
      recordId: recordId(signed.record),
      kind,
    })
    return { assetId: created.assetId, vault: created.vault }
  }

  async function now(): Promise<number> {
    return Number((await chain.publicClient.getBlock()).timestamp)
  }

  const clients = (actor: Actor) => ({
    publicClient: chain.publicClient,
    walletClient: actor.walletClient,
    contracts,
  })
  const txCount = (actor: Actor) => chain.publicClient.getTransactionCount({ address: actor.account.address })

  return { ...chain, contracts, testClient, actor, newAsset, now, clients, txCount }
}

/** Terms allowing every use at `price`, derivatives owing `bps`, no expiry. */
export function openTerms(price: bigint, overrides: Partial<LicenseTerms> = {}): LicenseTerms {
  const uses = Object.fromEntries(
    aiUses.map((use) => [use, { allowed: true, price }]),
  ) as LicenseTerms['uses']
  return {
    uses,
    commercialUse: true,
    derivativesAllowed: true,
    derivativeRevenueShareBps: 1_000,
    attributionRequired: true,
    expiresAt: 0,
    transferable: true,
    ...overrides,
  }
}
