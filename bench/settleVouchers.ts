import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  type ChannelsDomain,
  type Hex,
  openChannel,
  recoverVoucherSigner,
  signVoucher,
  type Voucher,
  voucherDigestBytes,
} from '@rightflow/sdk'
import { ChannelVerifier, SqliteChannelStore } from '@rightflow/server'
import secp256k1 from 'secp256k1'
import { createWalletClient, http, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { benchDir } from './config.js'
import type { SettleChain } from './settleChain.js'
import { price } from './settleServer.js'

export type Rate = { count: number; seconds: number; perSecond: number }

export type VoucherRates = {
  /** recoverVoucherSigner (EIP-712 digest with the WebAssembly keccak, then libsecp256k1 recovery) and the compare. */
  check: Rate
  /** ChannelVerifier.charge on a SqliteChannelStore: the server's whole verify-and-charge path. */
  charge: Rate
  /** signVoucher (viem's signTypedData, pure JS): what the paying client does once per call. */
  sign: Rate
  /** The same signature with libsecp256k1 over the SDK's digest (how the vouchers here were prepared). */
  nativeSign: Rate
}

/** Distinct vouchers the pure check cycles through. */
const distinct = 2_000

/** Each loop runs on this process's one thread: per core. */
export async function measureVouchers(
  chain: SettleChain,
  { seconds, charges }: { seconds: number; charges: number },
): Promise<VoucherRates> {
  const key = await chain.payer(BigInt(charges) * price, { gas: true })
  const payee = privateKeyToAccount(generatePrivateKey()).address
  const walletClient = createWalletClient({
    chain: chain.walletClient.chain,
    transport: http(chain.rpcUrl),
    account: privateKeyToAccount(key),
  })
  const { publicClient, contracts } = chain
  const deposit = BigInt(charges) * price
  const { channelId } = await openChannel({ publicClient, walletClient, contracts, payee, deposit })
  const domain = { chainId: chain.chainId, channels: contracts.paymentChannels }
  const { signed, rate: nativeSign } = await presign(key, domain, channelId, Math.max(distinct, charges))
  const signer = privateKeyToAccount(key).address.toLowerCase()

  const check = loopFor(seconds, (i) => {
    const { voucher, signature } = signed[i % distinct]!
    if (recoverVoucherSigner(voucher, signature, domain) !== signer) throw new Error('voucher check failed')
  })
  const sign = await asyncLoopFor(Math.min(seconds, 1), (i) =>
    signVoucher({
      account: privateKeyToAccount(key),
      domain,
      voucher: { channelId, cumulativeAmount: BigInt(i + 1) },
    }),
  )

  const databasePath = join(benchDir, 'settle-verifier.db')
  for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true })
  const store = new SqliteChannelStore(databasePath)
  try {
    const verifier = new ChannelVerifier({ store, publicClient })
    const ref = { network: chain.network, channels: contracts.paymentChannels, channelId }
    const charge = async (i: number) => {
      const { voucher, signature } = signed[i]!
      const outcome = await verifier.charge({
        ref,
        chainId: chain.chainId,
        voucher: { amount: voucher.cumulativeAmount, signature },
        price,
        payTo: payee,
        royalty: null,
      })
      if (!outcome.ok) throw new Error(`charge ${i + 1} refused: ${outcome.reason}`)
    }
    // The first charge reads the channel from the chain once; the timed ones never touch it.
    await charge(0)
    const start = performance.now()
    for (let i = 1; i < charges; i++) await charge(i)
    const elapsed = (performance.now() - start) / 1000
    const state = await store.getChannel(ref)
    if (state?.charged !== deposit) throw new Error(`charged ${state?.charged}, expected ${deposit}`)
    return {
      check,
      sign,
      nativeSign,
      charge: { count: charges - 1, seconds: elapsed, perSecond: (charges - 1) / elapsed },
    }
  } finally {
    await store.close()
  }
}

/**
 * Vouchers for 1..count prices, signed over the SDK's digest with libsecp256k1 (fast enough to prepare ten
 * thousand); the first is checked byte for byte against viem's EIP-712 signature, which the client sends.
 */
async function presign(key: Hex, domain: ChannelsDomain, channelId: Hex, count: number) {
  const secret = Buffer.from(key.slice(2), 'hex')
  const signed: { voucher: Voucher; signature: Hex }[] = []
  const start = performance.now()
  for (let i = 1; i <= count; i++) {
    const voucher = { channelId, cumulativeAmount: BigInt(i) * price }
    const { signature, recid } = secp256k1.ecdsaSign(voucherDigestBytes(voucher, domain), secret)
    signed.push({ voucher, signature: `${toHex(signature)}${(27 + recid).toString(16)}` })
  }
  const seconds = (performance.now() - start) / 1000
  const viem = await signVoucher({ account: privateKeyToAccount(key), domain, voucher: signed[0]!.voucher })
  if (viem !== signed[0]!.signature) throw new Error('presigned voucher differs from viem’s signature')
  return { signed, rate: { count, seconds, perSecond: count / seconds } }
}

function loopFor(seconds: number, step: (i: number) => void): Rate {
  const start = performance.now()
  const until = start + seconds * 1000
  let count = 0
  while (performance.now() < until) for (let j = 0; j < 100; j++) step(count++)
  const elapsed = (performance.now() - start) / 1000
  return { count, seconds: elapsed, perSecond: count / elapsed }
}

async function asyncLoopFor(seconds: number, step: (i: number) => Promise<unknown>): Promise<Rate> {
  const start = performance.now()
  const until = start + seconds * 1000
  let count = 0
  while (performance.now() < until) await step(count++)
  const elapsed = (performance.now() - start) / 1000
  return { count, seconds: elapsed, perSecond: count / elapsed }
}
