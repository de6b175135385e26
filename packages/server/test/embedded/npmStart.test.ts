import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Hex, recordId } from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { freePort } from '../../src/embedded/startAnvil.js'
import { makeSigned } from '../support/records.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** `npm start` as a user runs it, in its own process group so Ctrl-C can be simulated for the whole group. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => {
    output += d
  })
  child.stderr!.on('data', (d) => {
    output += d
  })
  for (let i = 0; i < 600 && !output.includes('Rightflow is running'); i++) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  expect(output).toContain('Rightflow is running')
  return { child, output: () => output }
}

async function ctrlC(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  process.kill(-child.pid!, 'SIGINT')
  return exited
}

const processesMatching = (pattern: string) => {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}

describe('npm start', () => {
  it('prints where everything is, stops cleanly on Ctrl-C and finds every record after a restart', async () => {
    const [port, anvilPort] = [await freePort(), await freePort()]
    const env = {
      RIGHTFLOW_DATA_DIR: mkdtempSync(join(tmpdir(), 'rf-start-')),
      RIGHTFLOW_PORT: String(port),
      RIGHTFLOW_ANVIL_PORT: String(anvilPort),
      RIGHTFLOW_BATCH_MAX_AGE_MS: '100',
    }
    const url = `http://127.0.0.1:${port}`
    const first = await start(env)
    expect(first.output()).toMatch(/registry\s+0x[0-9a-fA-F]{40}/)
    expect(first.output()).toContain(`eip155:31337 at http://127.0.0.1:${anvilPort}`)

    const health = (await (await fetch(`${url}/health`)).json()) as {
      chain: { chainId: number; registry: Hex }
    }
    const account = privateKeyToAccount(generatePrivateKey())
    const signed = await makeSigned(account, {
      chainId: health.chain.chainId,
      registry: health.chain.registry,
    })
    const post = await fetch(`${url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ record: signed.record, signature: signed.signature }),
    })
    expect(post.status).toBe(202)
    const id = recordId(signed.record)
    let anchored: { status: string; chain: { txHash: Hex } } | undefined
    for (let i = 0; i < 100 && anchored?.status !== 'anchored'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      anchored = (await (await fetch(`${url}/v1/records/${id}`)).json()) as typeof anchored
    }
    expect(anchored?.status).toBe('anchored')
    const rights = await (await fetch(`${url}/v1/rights`)).json()
    expect(rights).toMatchObject({
      chainId: 31337,
      assetRegistry: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
    })

    expect(await ctrlC(first.child)).toBe(0)
    expect(processesMatching(`anvil --port ${anvilPort} `)).toBe('')
    await expect(fetch(`${url}/health`)).rejects.toThrow()

    const second = await start(env)
    try {
      expect(second.output()).not.toContain('deployed the provenance registry')
      expect(second.output()).not.toContain('chain was reset')
      const again = (await (await fetch(`${url}/v1/records/${id}`)).json()) as typeof anchored
      expect(again).toMatchObject({ status: 'anchored', chain: { txHash: anchored!.chain.txHash } })
      // The License contracts survive the restart with the chain state, at the same addresses.
      expect(await (await fetch(`${url}/v1/rights`)).json()).toEqual(rights)
    } finally {
      expect(await ctrlC(second.child)).toBe(0)
    }
    expect(processesMatching(`anvil --port ${anvilPort} `)).toBe('')
  })
})
