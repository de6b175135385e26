import type { Hex } from '@rightflow/sdk'
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
import { type Artifact, benchArtifact } from './rightsChain.js'

/** An account that sends its own transactions, with its key (the payer signs escrow receipts). */
export type Party = { address: Address; privateKey: Hex; wallet: WalletClient<Transport, Chain, Account> }

export type Deployed = { address: Address; abi: Abi }

/** A fresh anvil with the test stablecoin, Streams and Escrow; the payer (anvil's first account) and a payee. */
export type StreamsBench = {
  chain: BenchChain
  token: Deployed
  streams: Deployed
  escrow: Deployed
  payer: Party
  payee: Party
}

export type Call = { to: Deployed; functionName: string; args: readonly unknown[] }

/**
 * One transaction's gas: `receipt.gasUsed`, and what is left of it without the intrinsic cost (21,000 plus 4
 * per zero and 16 per non-zero calldata byte), which is what published in-test figures (gasleft() deltas) count.
 */
export type Gas = { tx: bigint; execution: bigint }

/** Every payment of the run fits: ten million test dollars (6 decimals), minted in the faucet's steps. */
const payerFunds = 10_000_000n * 10n ** 6n
const maxMint = 1_000_000n * 10n ** 6n

export async function startStreamsBench(): Promise<StreamsBench> {
  // Read before anvil starts: a missing `forge build` fails at once.
  const artifacts = ['TestStablecoin', 'Streams', 'Escrow'].map(benchArtifact) as [
    Artifact,
    Artifact,
    Artifact,
  ]
  const chain = await startBenchChain()
  try {
    const payer = party(chain, relayerKey)
    const payee = party(chain, keccak256(toHex('rightflow bench streams payee')))
    await chain.publicClient.request({
      method: 'anvil_setBalance' as 'eth_chainId',
      params: [payee.address, toHex(10n ** 21n)] as never,
    })
    const [tokenArtifact, streamsArtifact, escrowArtifact] = artifacts
    const token = await deploy(chain, tokenArtifact, [])
    const streams = await deploy(chain, streamsArtifact, [token.address])
    const escrow = await deploy(chain, escrowArtifact, [token.address])
    const bench = { chain, token, streams, escrow, payer, payee }
    for (let minted = 0n; minted < payerFunds; minted += maxMint) {
      await send(bench, payer, { to: token, functionName: 'mint', args: [payer.address, maxMint] })
    }
    for (const spender of [streams, escrow]) {
      await send(bench, payer, { to: token, functionName: 'approve', args: [spender.address, payerFunds] })
    }
    return bench
  } catch (error) {
    await chain.stop()
    throw error
  }
}

/**
 * Sends `call` from `from` and returns its gas and simulated result. Simulated first, so that a revert names its
 * error (the token's errors included).
 */
export async function send(
  bench: StreamsBench,
  from: Party,
  { to, functionName, args }: Call,
): Promise<Gas & { result: unknown }> {
  const { publicClient } = bench.chain
  const abi = [...to.abi, ...bench.token.abi.filter((item) => item.type === 'error')]
  const simulated = await publicClient.simulateContract({
    address: to.address,
    abi,
    functionName,
    args,
    account: from.wallet.account,
  })
  const hash = await from.wallet.writeContract(simulated.request as never)
  const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 })
  if (receipt.status !== 'success') throw new Error(`${functionName} reverted (gas used ${receipt.gasUsed})`)
  const { input } = await publicClient.getTransaction({ hash })
  return { tx: receipt.gasUsed, execution: receipt.gasUsed - intrinsicGas(input), result: simulated.result }
}

export async function read<T>(
  bench: StreamsBench,
  to: Deployed,
  functionName: string,
  args: unknown[],
): Promise<T> {
  return (await bench.chain.publicClient.readContract({
    address: to.address,
    abi: to.abi,
    functionName,
    args,
  })) as T
}

/** Mines an empty block `seconds` later, so the next transaction (and its simulation) runs at that time or after. */
export async function advance(bench: StreamsBench, seconds: number): Promise<void> {
  const { publicClient } = bench.chain
  await publicClient.request({
    method: 'evm_increaseTime' as 'eth_chainId',
    params: [toHex(seconds)] as never,
  })
  await publicClient.request({ method: 'evm_mine' as 'eth_chainId', params: [] as never })
}

export async function now(bench: StreamsBench): Promise<bigint> {
  return (await bench.chain.publicClient.getBlock()).timestamp
}

/** 21,000 plus 16 gas per non-zero and 4 per zero calldata byte (no access lists here). */
function intrinsicGas(input: Hex): bigint {
  let gas = 21_000n
  for (let i = 2; i < input.length; i += 2) gas += input.slice(i, i + 2) === '00' ? 4n : 16n
  return gas
}

function party(chain: BenchChain, privateKey: Hex): Party {
  const account = privateKeyToAccount(privateKey)
  const wallet = createWalletClient({
    chain: chain.walletClient.chain!,
    transport: http(chain.rpcUrl, { timeout: 60_000 }),
    account,
  })
  return { address: account.address, privateKey, wallet }
}

async function deploy(chain: BenchChain, artifact: Artifact, args: unknown[]): Promise<Deployed> {
  const { walletClient, publicClient } = chain
  const hash = await walletClient.deployContract({
    ...artifact,
    args,
    account: walletClient.account!,
    chain: walletClient.chain,
  })
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash })
  if (!contractAddress) throw new Error('deployment failed')
  return { address: contractAddress, abi: artifact.abi }
}
