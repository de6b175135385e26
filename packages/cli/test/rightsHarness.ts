import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, type RightsContracts, readPaymentBalance, readRoyalties } from '@rightflow/sdk'
import { type Address, getAddress } from 'viem'
import { expect } from 'vitest'
import { type Harness, startHarness } from '../../server/test/api/serverHarness.js'
import { type CliRun, cliEnvironment, runCli } from './runCli.js'

/** A real server and anvil with the License contracts, and a CLI home with two funded keys. */
export type RightsCli = {
  h: Harness
  dir: string
  contracts: RightsContracts
  /** The "default" key: registers works and owns assets. */
  creator: Address
  /** The "buyer" key. */
  buyer: Address
  cli(...args: string[]): Promise<CliRun>
  /** The CLI with extra environment variables (contract overrides, say). */
  cliWith(extra: Record<string, string>, ...args: string[]): Promise<CliRun>
  /** Runs a command with --json and returns its document; a failure shows the CLI's own error line. */
  json<T = Record<string, unknown>>(...args: string[]): Promise<T>
  /** Writes a file and registers it directly (on chain at once); returns its record id. */
  registered(name: string, content: string, key?: string): Promise<Hex>
  usdOf(account: Address): Promise<bigint>
  royaltiesOf(assetId: Hex, account: Address): ReturnType<typeof readRoyalties>
  stop(): Promise<void>
}

export async function startRightsCli(): Promise<RightsCli> {
  const h = await startHarness()
  const contracts = h.chain.rights
  const dir = await mkdtemp(join(tmpdir(), 'rf-rights-'))
  const env = cliEnvironment(dir, 'correct horse battery staple', {
    serverUrl: h.server.url,
    rpcUrl: h.chain.rpcUrl,
    registry: h.chain.registry,
  })
  const cli = (...args: string[]) => runCli(args, env, dir)
  const json = async <T>(...args: string[]): Promise<T> => {
    const run = await cli(...args, '--json')
    if (run.code !== 0) throw new Error(`rightflow ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
    return run.json<T>()
  }
  const creator = getAddress((await json<{ address: Address }>('keys', 'create')).address)
  const buyer = getAddress((await json<{ address: Address }>('keys', 'create', '--name', 'buyer')).address)
  await json('faucet', '--usd', '1000')
  await json('faucet', '--key', 'buyer', '--usd', '50')
  return {
    h,
    dir,
    contracts,
    creator,
    buyer,
    cli,
    cliWith: (extra, ...args) => runCli(args, { ...env, ...extra }, dir),
    json,
    async registered(name, content, key = 'default') {
      await writeFile(join(dir, name), content)
      const result = await json<{ results: { id: Hex }[] }>(
        'register',
        name,
        '--origin',
        'human',
        '--direct',
        '--key',
        key,
      )
      return result.results[0]!.id
    },
    usdOf: (account) =>
      readPaymentBalance({ publicClient: h.chain.publicClient, token: contracts.paymentToken, account }),
    royaltiesOf: (assetId, account) =>
      readRoyalties({ publicClient: h.chain.publicClient, contracts, assetId, account }),
    stop: () => h.stop(),
  }
}

/** One line on stderr, nothing else: what a person sees when something is wrong. */
export function expectOneLineError(run: CliRun, pattern: RegExp, code = 1) {
  expect(run.code).toBe(code)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
}
