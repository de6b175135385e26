import { getAddress, type Hex, hashTypedData, keccak256, slice, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { advance, type Gas, now, read, type StreamsBench, send } from './streamsChain.js'

/** About a thousand test dollars a month: 386 base units (6 decimals) a second. */
export const ratePerSecond = 386n
/** A month of it. */
export const deposit = ratePerSecond * 30n * 86_400n
export const escrowAmount = 500n * 10n ** 6n
/** An arbiter that never acts here: named, so the deal stores one, as most will. */
const arbiter = getAddress(slice(keccak256(toHex('rightflow bench escrow arbiter')), 12))
const day = 86_400

/** Steady-state figures (the accounts involved already hold tokens, ids already counted up), and first-ever ones. */
export type StreamsGas = {
  open: Gas
  openFirst: Gas
  withdraw: Gas
  withdrawFirst: Gas
  topUp: Gas
  cancel: Gas
}

export type EscrowGas = {
  create: Gas
  createFirst: Gas
  releaseFull: Gas
  releasePartial: Gas
  releaseWithReceipt: Gas
  refund: Gas
}

/**
 * Stream A is opened first (the contract's first stream and first tokens), then B: the steady `open`. The payee's
 * first withdrawal from A gives it its first tokens; its second, a day later, is the steady `withdraw`. The payer
 * tops B up, and a day later cancels it mid-stream, paying both sides.
 */
export async function measureStreams(bench: StreamsBench): Promise<StreamsGas> {
  const { payer, payee, streams } = bench
  const open = () =>
    send(bench, payer, { to: streams, functionName: 'open', args: [payee.address, ratePerSecond, deposit] })
  const first = await open()
  const second = await open()
  const [a, b] = [first.result as bigint, second.result as bigint]
  await advance(bench, day)
  const withdrawFirst = await send(bench, payee, { to: streams, functionName: 'withdraw', args: [a, 0n] })
  await advance(bench, day)
  const withdraw = await send(bench, payee, { to: streams, functionName: 'withdraw', args: [a, 0n] })
  const topUp = await send(bench, payer, { to: streams, functionName: 'topUp', args: [b, deposit] })
  await advance(bench, day)
  const cancel = await send(bench, payer, { to: streams, functionName: 'cancel', args: [b] })
  const [toRecipient, refunded] = cancel.result as [bigint, bigint]
  if (toRecipient === 0n || refunded === 0n) throw new Error('cancel: expected a payout to both sides')
  return { open: second, openFirst: first, withdraw, withdrawFirst, topUp, cancel }
}

/**
 * Deal 1 is the contract's first. Deal 2 is released in full by the payer; deal 3 in part by the payer, then in
 * part against a receipt the payer signed (submitted by the payee), then refunded after its deadline. The payee
 * already holds tokens (from the streams) throughout.
 */
export async function measureEscrow(bench: StreamsBench): Promise<EscrowGas> {
  const { payer, payee, escrow } = bench
  const deadline = (await now(bench)) + 7n * BigInt(day)
  const create = () =>
    send(bench, payer, {
      to: escrow,
      functionName: 'create',
      args: [payee.address, arbiter, escrowAmount, deadline],
    })
  const createFirst = await create()
  const full = await create()
  const partial = await create()
  const [fullId, partialId] = [full.result as bigint, partial.result as bigint]
  const releaseFull = await send(bench, payer, {
    to: escrow,
    functionName: 'release',
    args: [fullId, escrowAmount],
  })
  const releasePartial = await send(bench, payer, {
    to: escrow,
    functionName: 'release',
    args: [partialId, escrowAmount / 4n],
  })
  const amount = escrowAmount / 4n
  const deliveryHash = keccak256(toHex('rightflow bench delivery 1'))
  const signature = await signReceipt(bench, partialId, amount, deliveryHash)
  const releaseWithReceipt = await send(bench, payee, {
    to: escrow,
    functionName: 'releaseWithReceipt',
    args: [partialId, amount, deliveryHash, signature],
  })
  await advance(bench, 8 * day)
  const refund = await send(bench, payer, { to: escrow, functionName: 'refund', args: [partialId] })
  if (refund.result !== escrowAmount / 2n)
    throw new Error(`refund: expected half the deal, got ${refund.result}`)
  return { create: full, createFirst, releaseFull, releasePartial, releaseWithReceipt, refund }
}

/**
 * The payer's EIP-712 receipt, signed with viem; the bench checks that the contract's `receiptDigest` is the
 * digest viem signed, so a mismatch between the two fails the run rather than skewing a figure.
 */
async function signReceipt(bench: StreamsBench, escrowId: bigint, amount: bigint, deliveryHash: Hex) {
  const typed = {
    domain: {
      name: 'Rightflow Escrow',
      version: '1',
      chainId: bench.chain.chainId,
      verifyingContract: bench.escrow.address,
    },
    types: {
      Receipt: [
        { name: 'escrowId', type: 'uint256' },
        { name: 'amount', type: 'uint256' },
        { name: 'deliveryHash', type: 'bytes32' },
      ],
    },
    primaryType: 'Receipt',
    message: { escrowId, amount, deliveryHash },
  } as const
  const onChain = await read<Hex>(bench, bench.escrow, 'receiptDigest', [escrowId, amount, deliveryHash])
  if (hashTypedData(typed) !== onChain)
    throw new Error('receiptDigest differs from the EIP-712 digest viem signs')
  return privateKeyToAccount(bench.payer.privateKey).signTypedData(typed)
}
