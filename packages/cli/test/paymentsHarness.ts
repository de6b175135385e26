import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  claimChannels,
  decryptKeystore,
  type Hex,
  type Keystore,
  type PaymentContracts,
  signVoucher,
} from '@rightflow/sdk'
import {
  type Address,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  type LocalAccount,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type RightsCli, startRightsCli } from './rightsHarness.js'

/** The rights CLI fixture, plus an "agent" key with gas, the Settle contracts and a clock to move. */
export type PaymentsCli = RightsCli & {
  payments: PaymentContracts
  /** The "agent" key: gas, no dollars. */
  agent: Address
  /** Moves the chain's clock forward and mines a block (anvil's evm_increaseTime + evm_mine). */
  travel(seconds: number): Promise<void>
  /** A CLI key as a signer, for what the CLI does not do (a payee claiming vouchers, say). */
  signer(name: string): Promise<{ account: LocalAccount; walletClient: WalletClient }>
  /** The timestamp of the block that included a transaction. */
  minedAt(txHash: `0x${string}`): Promise<number>
}

export async function startPaymentsCli(): Promise<PaymentsCli> {
  const r = await startRightsCli()
  const { chain } = r.h
  const agent = getAddress((await r.json<{ address: Address }>('keys', 'create', '--name', 'agent')).address)
  await r.json('faucet', '--key', 'agent', '--usd', '0')
  const testClient = createTestClient({ mode: 'anvil', transport: http(chain.rpcUrl) })
  return {
    ...r,
    payments: { ...chain.payments, paymentToken: chain.rights.paymentToken },
    agent,
    async travel(seconds) {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    },
    async signer(name) {
      const keystore = JSON.parse(
        await readFile(join(r.dir, 'home', 'keys', `${name}.json`), 'utf8'),
      ) as Keystore
      const account = privateKeyToAccount(
        await decryptKeystore({ keystore, passphrase: 'correct horse battery staple' }),
      )
      const walletClient = createWalletClient({
        account,
        chain: chain.walletClient.chain,
        transport: http(chain.rpcUrl),
      })
      return { account, walletClient }
    },
    async minedAt(txHash) {
      const receipt = await chain.publicClient.getTransactionReceipt({ hash: txHash })
      return Number((await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp)
    },
  }
}

/** What `--json` prints for a channel. */
export type ChannelJson = {
  channelId: Hex
  deposit: string
  claimed: string
  remaining: string
  state: string
  txHash: Hex
}

/** The payee (the buyer key) claims `amount` in total from a channel whose vouchers `signerKey` signs. */
export async function claimAsBuyer(p: PaymentsCli, channelId: Hex, amount: bigint, signerKey: string) {
  const [signer, payee] = await Promise.all([p.signer(signerKey), p.signer('buyer')])
  const signature = await signVoucher({
    account: signer.account,
    domain: { chainId: p.h.chain.chainId, channels: p.payments.paymentChannels },
    voucher: { channelId, cumulativeAmount: amount },
  })
  await claimChannels({
    publicClient: p.h.chain.publicClient,
    walletClient: payee.walletClient,
    contracts: p.payments,
    claims: [{ channelId, cumulativeAmount: amount, signature }],
  })
}
