import { performance } from 'node:perf_hooks'
import { writeFileSync } from 'node:fs'
import { signVoucherWithKey } from '@rightflow/sdk'
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts'
import { ChannelVerifier } from '../../src/payments/channel/ChannelVerifier.ts'
import { SqliteChannelStore } from '../../src/payments/channel/SqliteChannelStore.ts'
async function main() {
  const key = generatePrivateKey(); const account = privateKeyToAccount(key)
  const channelId = `0x${'12'.repeat(32)}` as const
  const domain = { chainId: 31337, channels: '0x964d634811d317e5730f7e2b4468a5C64300427c' as const }
  const n = 20000
  const vouchers = []
  for (let i = 1; i <= n; i++) vouchers.push({ amount: BigInt(i) * 1000n, signature: signVoucherWithKey(key, { channelId, cumulativeAmount: BigInt(i) * 1000n }, domain) })
  const store = new SqliteChannelStore(':memory:')
  const ref = { network: 'eip155:31337' as const, channels: domain.channels, channelId }
  const payee = '0x00000000000000000000000000000000000000aa' as const
  await store.saveChainView(ref, { payer: account.address, payee, voucherSigner: account.address, deposit: 10n ** 12n, claimed: 0n, closeRequestedAt: 0, closed: false, royaltyAsset: 0n, royaltyBps: 0 })
  const verifier = new ChannelVerifier({ store, publicClient: undefined as never })
  const { Session } = await import('node:inspector/promises')
  const session = new Session(); session.connect()
  await session.post('Profiler.enable'); await session.post('Profiler.start')
  const t = performance.now()
  for (const v of vouchers) { const o = await verifier.charge({ ref, chainId: 31337, voucher: v, price: 1000n, payTo: payee, royalty: null }); if (!o.ok) throw new Error(o.reason) }
  console.log('full checks/s', Math.round(n / ((performance.now() - t) / 1000)))
  const { profile } = await session.post('Profiler.stop')
  writeFileSync('/tmp/prof/p.cpuprofile', JSON.stringify(profile))
}
main()
