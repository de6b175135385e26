import { existsSync, readFileSync } from 'node:fs'
import { deployRights, type Hex, type RightsAddresses, testStablecoinAbi } from '@rightflow/sdk'
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  http,
  keccak256,
  type Transport,
  toHex,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type BenchChain, relayerKey, startBenchChain } from './devChain.js'
import type { BenchKey } from './records.js'

/** An account that sends its own transactions (a creator, a holder, a buyer): funded with ETH on anvil. */
export type Actor = { key: BenchKey; address: Address; wallet: WalletClient<Transport, Chain, Account> }

/** The License contracts on a fresh anvil, and the payer (anvil's first dev account) holding test dollars. */
export type RightsBench = { chain: BenchChain; rights: RightsAddresses; payer: Actor; maxTxGas: bigint }

export type Call = { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }
export type Sent = { gasUsed: bigint; result: unknown }

/** Enough test dollars (6 decimals) for every payment of the run, and the allowances the payer grants. */
// The test stablecoin mints at most a million dollars a call (MAX_MINT): the payer is funded in a few mints.
const payerFunds = 5n * 10n ** 12n
export const allowance = 10n ** 17n

export async function startRightsBench(blockGasLimit: bigint): Promise<RightsBench> {
  const chain = await startBenchChain({ blockGasLimit })
  try {
    const { publicClient, walletClient, registry } = chain
    const rights = await deployRights({ publicClient, walletClient, provenance: registry })
    const account = walletClient.account as Account & { address: Address }
    const payer: Actor = {
      key: { privateKey: relayerKey, address: account.address },
      address: account.address,
      wallet: walletClient as Actor['wallet'],
    }
    // The largest transactions are sent with the whole block as their gas limit: each is mined alone.
    const bench = { chain, rights, payer, maxTxGas: blockGasLimit }
    await mintTestDollars(bench, payer.address, payerFunds)
    await approve(bench, payer, rights.assetRegistry, allowance)
    return bench
  } catch (error) {
    await chain.stop()
    throw error
  }
}

/** A fresh funded account, its key derived from `label` so runs are reproducible. */
export async function actor(bench: RightsBench, label: string): Promise<Actor> {
  const privateKey = keccak256(toHex(`rightflow bench rights ${label}`))
  const account = privateKeyToAccount(privateKey)
  await bench.chain.publicClient.request({
    method: 'anvil_setBalance' as 'eth_chainId',
    params: [account.address, toHex(10n ** 21n)] as never,
  })
  const wallet = createWalletClient({
    chain: bench.chain.walletClient.chain!,
    transport: http(bench.chain.rpcUrl, { timeout: 120_000 }),
    account,
  })
  return { key: { privateKey, address: account.address }, address: account.address, wallet }
}

/**
 * One transaction and its `receipt.gasUsed`. Simulated first (a revert then names its error) unless `gas` is
 * given: transactions of hundreds of millions of gas skip the simulation and anvil's gas estimate, which would
 * run them again and again.
 */
export async function send(bench: RightsBench, from: Actor, call: Call, gas?: bigint): Promise<Sent> {
  const { publicClient } = bench.chain
  let result: unknown
  let hash: Hex
  if (gas === undefined) {
    // The payment token's errors too, so that a missing allowance or balance is named.
    const abi = [...call.abi, ...testStablecoinAbi.filter((item) => item.type === 'error')]
    const simulated = await publicClient.simulateContract({ ...call, abi, account: from.wallet.account })
    result = simulated.result
    hash = await from.wallet.writeContract(simulated.request as never)
  } else {
    hash = await from.wallet.writeContract({ ...call, gas } as never)
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 300_000 })
  if (receipt.status !== 'success')
    throw new Error(`${call.functionName} reverted (gas used ${receipt.gasUsed})`)
  return { gasUsed: receipt.gasUsed, result }
}

export async function deployContract(
  bench: RightsBench,
  artifact: Artifact,
  args: unknown[],
): Promise<Address> {
  const { walletClient, publicClient } = bench.chain
  const hash = await walletClient.deployContract({
    ...artifact,
    args,
    account: walletClient.account!,
    chain: walletClient.chain,
  })
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash })
  if (!contractAddress) throw new Error('deployment failed')
  return contractAddress
}

export type Artifact = { abi: Abi; bytecode: Hex }

/** A bench-only contract (contracts/test/mocks/bench/) from forge's build output. */
export function benchArtifact(name: string): Artifact {
  const path = new URL(`../contracts/out/${name}.sol/${name}.json`, import.meta.url).pathname
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cd contracts && forge build\` first`)
  const { abi, bytecode } = JSON.parse(readFileSync(path, 'utf8')) as { abi: Abi; bytecode: { object: Hex } }
  return { abi, bytecode: bytecode.object }
}

const maxMint = 10n ** 12n

export async function mintTestDollars(bench: RightsBench, to: Address, amount: bigint): Promise<void> {
  for (let left = amount; left > 0n; left -= left < maxMint ? left : maxMint)
    await send(bench, bench.payer, token(bench, 'mint', [to, left < maxMint ? left : maxMint]))
}

/** An ERC-20 approval, on the test dollar unless another token (a vault's shares) is named. */
export async function approve(
  bench: RightsBench,
  from: Actor,
  spender: Address,
  amount: bigint,
  tokenAddress: Address = bench.rights.paymentToken,
): Promise<void> {
  await send(bench, from, { ...token(bench, 'approve', [spender, amount]), address: tokenAddress })
}

function token(bench: RightsBench, functionName: string, args: unknown[]): Call {
  return { address: bench.rights.paymentToken, abi: testStablecoinAbi, functionName, args }
}
