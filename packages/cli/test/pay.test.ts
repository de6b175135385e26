import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type PaymentsHarness,
  paidReportApp,
  priceUnits,
  type Served,
  serveFetch,
  startPaymentsHarness,
} from '../../server/test/payments/paymentsHarness.js'
import { expectOneLineError } from './rightsHarness.js'
import { type CliRun, cliEnvironment, runCli } from './runCli.js'

let h: PaymentsHarness
let served: Served
let payTo: Address
let payer: Address
let cli: (...args: string[]) => Promise<CliRun>

beforeAll(async () => {
  h = await startPaymentsHarness()
  payTo = h.payee()
  served = await serveFetch(paidReportApp(h, payTo).app.fetch)
  const dir = await mkdtemp(join(tmpdir(), 'rf-pay-'))
  const env = cliEnvironment(dir, 'correct horse battery staple', {
    serverUrl: h.server.url,
    rpcUrl: h.chain.rpcUrl,
    registry: h.chain.registry,
  })
  cli = (...args) => runCli(args, env, dir)
  payer = getAddress((await cli('keys', 'create', '--json')).json<{ address: Address }>().address)
  expect((await cli('faucet', '--usd', '1', '--eth', '0')).code).toBe(0)
})
afterAll(async () => {
  await served?.close()
  await h?.stop()
})

describe('rightflow pay', () => {
  it('pays an x402 route: the body on stdout, one summary line with the settlement on stderr', async () => {
    const run = await cli('pay', `${served.url}/v1/paid/report`)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ report: 'the paid content' })
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(new RegExp(`^paid 0\\.01 USD by exact to ${payTo}, tx 0x[0-9a-f]{64}\\n$`))
    expect(await h.balanceOf(payTo)).toBe(priceUnits)
    expect(await h.balanceOf(payer)).toBe(1_000_000n - priceUnits)
  })

  it('reports the payment in the --json document', async () => {
    const run = await cli('pay', `${served.url}/v1/paid/report`, '--json')
    expect(run.code).toBe(0)
    expect(run.json()).toMatchObject({
      status: 200,
      body: { report: 'the paid content' },
      payment: { scheme: 'exact', amount: String(priceUnits), payTo, network: h.network },
    })
    expect(await h.balanceOf(payTo)).toBe(2n * priceUnits)
  })

  it('pays nothing above --max, and says so in one line', async () => {
    const run = await cli('pay', `${served.url}/v1/paid/report`, '--max', '0.005')
    expectOneLineError(run, /the request costs 0\.01 USD, more than --max 0\.005 USD: nothing was paid/)
    expect(run.stdout).toBe('')
    expect(await h.balanceOf(payTo)).toBe(2n * priceUnits)
  })

  it('fetches a free route without paying', async () => {
    const run = await cli('pay', `${served.url}/v1/free`)
    expect(run).toMatchObject({ code: 0, stdout: 'free', stderr: 'no payment asked\n' })
  })

  it('refuses a body that is not JSON, and a GET with a body', async () => {
    expectOneLineError(await cli('pay', `${served.url}/v1/free`, '--data', '{nope'), /--data is not JSON/)
    expectOneLineError(
      await cli('pay', `${served.url}/v1/free`, '--data', '{}', '--method', 'get'),
      /a GET request cannot carry --data/,
    )
  })
})
