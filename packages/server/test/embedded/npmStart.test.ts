import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
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
async function start(
  env: Record<string, string>,
  command = [process.execPath, '--import', 'tsx', 'scripts/start.ts'],
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command[0]!, command.slice(1), {
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    // A zombie waiting for its parent to reap it is dead too.
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).startsWith('Z')
  } catch {
    return false
  }
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })

/** The anvil serving this port, found by its command line (the port is unique to each test). */
function anvilOn(port: number): number | undefined {
  const pids = processesMatching(`anvil --port ${port} `)
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter(
      (pid) =>
        !execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes(
          'anvilWatchdog',
        ),
    )
  return pids[0]
}

/** `npm start` that is expected to give up: its exit code and everything it printed. */
async function startToTheEnd(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => {
    output += d
  })
  child.stderr!.on('data', (d) => {
    output += d
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

/** kill -9 of one process (not its group), as an out-of-memory killer or a crash would. */
async function killHard(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL')
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(20)
}

/** The environment of one isolated `npm start`: its own data folder and ports. */
async function isolatedEnv() {
  const [port, anvilPort] = [await freePort(), await freePort()]
  const dataDir = mkdtempSync(join(tmpdir(), 'rf-start-'))
  const env = {
    RIGHTFLOW_DATA_DIR: dataDir,
    RIGHTFLOW_PORT: String(port),
    RIGHTFLOW_ANVIL_PORT: String(anvilPort),
    RIGHTFLOW_BATCH_MAX_AGE_MS: '100',
    RIGHTFLOW_ANCHOR_RESEND_MS: '200',
  }
  return { env, dataDir, anvilPort, url: `http://127.0.0.1:${port}` }
}

/** Posts a signed record and waits until the running server reports it anchored. */
async function anchoredRecord(url: string): Promise<{ id: Hex; txHash: Hex }> {
  const health = (await (await fetch(`${url}/health`)).json()) as {
    chain: { chainId: number; registry: Hex }
  }
  const signed = await makeSigned(privateKeyToAccount(generatePrivateKey()), health.chain)
  const post = await fetch(`${url}/v1/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ record: signed.record, signature: signed.signature }),
  })
  expect(post.status).toBe(202)
  const id = recordId(signed.record)
  let anchored: { status: string; chain: { txHash: Hex } } | undefined
  for (let i = 0; i < 100 && anchored?.status !== 'anchored'; i++) {
    await sleep(100)
    anchored = (await (await fetch(`${url}/v1/records/${id}`)).json()) as typeof anchored
  }
  expect(anchored?.status).toBe('anchored')
  return { id, txHash: anchored!.chain.txHash }
}

/** A second start finds the record of the first, and its Ctrl-C leaves no chain behind (by pid and by port). */
async function secondStartFindsItAndStopsClean(
  env: Record<string, string>,
  url: string,
  anvilPort: number,
  record: { id: Hex; txHash: Hex },
): Promise<string> {
  const second = await start(env)
  const anvil = anvilOn(anvilPort)
  try {
    expect(anvil).toBeDefined()
    expect(second.output()).not.toContain('chain was reset')
    const again = await (await fetch(`${url}/v1/records/${record.id}`)).json()
    expect(again).toMatchObject({ status: 'anchored', chain: { txHash: record.txHash } })
  } finally {
    expect(await ctrlC(second.child)).toBe(0)
  }
  expect(isAlive(anvil!)).toBe(false)
  expect(await portIsFree(anvilPort)).toBe(true)
  expect(processesMatching(`anvil --port ${anvilPort} `)).toBe('')
  return second.output()
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

  it('orphaned chain: kill -9 of npm start takes its chain down too, and the next start finds every record', async () => {
    const { env, anvilPort, url } = await isolatedEnv()
    const first = await start(env)
    const record = await anchoredRecord(url)
    const anvil = anvilOn(anvilPort)!
    await killHard(first.child.pid!)
    for (let i = 0; i < 200 && isAlive(anvil); i++) await sleep(25)
    expect(isAlive(anvil)).toBe(false)
    expect(await portIsFree(anvilPort)).toBe(true)

    await secondStartFindsItAndStopsClean(env, url, anvilPort, record)
  })

  it('orphaned chain: a chain left running after its start and its watchdog died is stopped by the next start', async () => {
    const { env, dataDir, anvilPort, url } = await isolatedEnv()
    const first = await start(env)
    const record = await anchoredRecord(url)
    const anvil = anvilOn(anvilPort)!
    const { pids } = JSON.parse(readFileSync(join(dataDir, 'anvil.pid'), 'utf8')) as { pids: number[] }
    expect(pids).toContain(anvil)
    // Everything but the chain dies at once: nothing is left to stop it. (Frozen first, so that neither can
    // react to the other's death: the watchdog would stop the chain, npm start would stop it too.)
    const others = [...pids.filter((pid) => pid !== anvil), first.child.pid!]
    for (const pid of others) process.kill(pid, 'SIGSTOP')
    for (const pid of others) await killHard(pid)
    expect(isAlive(anvil)).toBe(true)
    expect(await portIsFree(anvilPort)).toBe(false)

    const output = await secondStartFindsItAndStopsClean(env, url, anvilPort, record)
    expect(output).toContain(`stopping the chain (pid ${anvil}) left running without its watchdog`)
    expect(isAlive(anvil)).toBe(false)
  })

  it('refuses in one line when the chain port is taken by another program, and never signals a pid it does not own', async () => {
    const { env, dataDir, anvilPort } = await isolatedEnv()
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(anvilPort, '127.0.0.1', resolve))
    // A pid file left by an earlier start whose pid now belongs to an unrelated process.
    const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' })
    writeFileSync(
      join(dataDir, 'anvil.pid'),
      JSON.stringify({ pids: [unrelated.pid], statePath: join(dataDir, 'chain-state.json') }),
    )
    try {
      const { code, output } = await startToTheEnd(env)
      expect(code).toBe(1)
      expect(output.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^rightflow: port ${anvilPort} is already in use`)),
      ])
      expect(isAlive(unrelated.pid!)).toBe(true)
    } finally {
      unrelated.kill('SIGKILL')
      await new Promise<void>((resolve) => squatter.close(() => resolve()))
    }
  })

  it('refuses in one line to start a second time on a data folder in use, and leaves the running one alone', async () => {
    const { env, anvilPort, url } = await isolatedEnv()
    const first = await start(env)
    try {
      const anvil = anvilOn(anvilPort)!
      const { code, output } = await startToTheEnd(env)
      expect(code).toBe(1)
      expect(output.trim().split('\n')).toEqual([
        expect.stringMatching(/^rightflow: another npm start is running with the data folder /),
      ])
      expect(isAlive(anvil)).toBe(true)
      expect((await fetch(`${url}/health`)).status).toBe(200)
    } finally {
      expect(await ctrlC(first.child)).toBe(0)
    }
    expect(processesMatching(`anvil --port ${anvilPort} `)).toBe('')
  })

  it('acknowledged records stranded: a chain killed under npm start stops it in one line, and the next start anchors every record', async () => {
    const { env, anvilPort, url } = await isolatedEnv()
    const first = await start(env)
    const records = [await anchoredRecord(url), await anchoredRecord(url)]
    // kill -9 right after the last anchor: the chain's state file (written every second) may not have it.
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve))
    process.kill(anvilOn(anvilPort)!, 'SIGKILL')
    expect(await exited).toBe(1)
    expect(first.output()).toContain('the embedded chain stopped unexpectedly: stopping')

    const second = await start(env)
    try {
      for (const { id } of records) {
        let status: string | undefined
        for (let i = 0; i < 100 && status !== 'anchored'; i++) {
          status = ((await (await fetch(`${url}/v1/records/${id}`)).json()) as { status: string }).status
          if (status !== 'anchored') await sleep(100)
        }
        expect({ id, status }).toEqual({ id, status: 'anchored' })
      }
    } finally {
      expect(await ctrlC(second.child)).toBe(0)
    }
    expect(processesMatching(`anvil --port ${anvilPort} `)).toBe('')
  })

  it('orphaned chain: kill -9 of the tsx wrapper npm start runs stops the server and its chain too', async () => {
    const { env, anvilPort, url } = await isolatedEnv()
    // `npm start` is `tsx scripts/start.ts`: a wrapper process whose child runs the server.
    const first = await start(env, [join(root, 'node_modules/.bin/tsx'), 'scripts/start.ts'])
    const record = await anchoredRecord(url)
    const anvil = anvilOn(anvilPort)!
    await killHard(first.child.pid!)
    for (let i = 0; i < 300 && (isAlive(anvil) || !(await portIsFree(anvilPort))); i++) await sleep(25)
    expect(isAlive(anvil)).toBe(false)
    expect(await portIsFree(anvilPort)).toBe(true)
    await expect(fetch(`${url}/health`)).rejects.toThrow()

    await secondStartFindsItAndStopsClean(env, url, anvilPort, record)
  })

  it('orphaned chain: kill -9 of the chain watchdog stops npm start in one line, and the chain with it', async () => {
    const { env, dataDir, anvilPort } = await isolatedEnv()
    const first = await start(env)
    const anvil = anvilOn(anvilPort)!
    const { pids } = JSON.parse(readFileSync(join(dataDir, 'anvil.pid'), 'utf8')) as { pids: number[] }
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve))
    await killHard(pids.find((pid) => pid !== anvil)!)
    expect(await exited).toBe(1)
    expect(first.output()).toContain(`stopping the chain (pid ${anvil}) left running without its watchdog`)
    expect(isAlive(anvil)).toBe(false)
    expect(await portIsFree(anvilPort)).toBe(true)
  })

  it('a second Ctrl-C while the stop waits on an open request ends the chain and exits non-zero at once', async () => {
    const { env, anvilPort, url } = await isolatedEnv()
    const first = await start(env)
    const anvil = anvilOn(anvilPort)!
    // A request whose body never finishes keeps the server's close waiting. The server has taken it once it
    // answers `100 Continue`.
    const socket = connect(Number(new URL(url).port), '127.0.0.1')
    const taken = new Promise((resolve) => socket.once('data', resolve))
    socket.write(
      'POST /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
    )
    expect(String(await taken)).toContain('100 Continue')
    socket.write('{"record":')
    try {
      const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve))
      // Signals to npm start alone (as `kill` sends them): the chain's watchdog hears none of them.
      process.kill(first.child.pid!, 'SIGINT')
      for (let i = 0; i < 200 && !first.output().includes('stopping…'); i++) await sleep(20)
      expect(first.output()).toContain('stopping…')
      process.kill(first.child.pid!, 'SIGINT')
      expect(await exited).toBe(130)
      expect(first.output()).toContain('SIGINT again: ending the chain and exiting now')
      expect(isAlive(anvil)).toBe(false)
      expect(await portIsFree(anvilPort)).toBe(true)
    } finally {
      socket.destroy()
    }
  })
})
