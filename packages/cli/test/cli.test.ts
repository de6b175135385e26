import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../server/test/api/serverHarness.js'
import { type CliRun, cliEnvironment, runCli } from './runCli.js'

let h: Harness
let dir: string
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env, dir)

/** One line on stderr, nothing else: what a person sees when something is wrong. */
function expectOneLineError(run: CliRun, pattern: RegExp, code = 1) {
  expect(run.code).toBe(code)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
}

beforeAll(async () => {
  h = await startHarness()
  dir = await mkdtemp(join(tmpdir(), 'rf-cli-'))
  env = cliEnvironment(dir, 'correct horse battery staple', {
    serverUrl: h.server.url,
    rpcUrl: h.chain.rpcUrl,
    registry: h.chain.registry,
  })
  const created = await cli('keys', 'create', '--json')
  expect(created.code).toBe(0)
})
afterAll(() => h.stop())

describe('rightflow', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8'))
    for (const flag of ['--version', '-V']) {
      const run = await cli(flag)
      expect(run.code).toBe(0)
      expect(run.stdout.trim()).toBe(version)
    }
  })
})

describe('rightflow keys', () => {
  it('keeps keys encrypted and never prints the secret', async () => {
    const list = await cli('keys', 'list', '--json')
    const [key] = list.json<{ name: string; address: string; path: string }[]>()
    expect(key).toMatchObject({ name: 'default' })
    const keystore = JSON.parse(await readFile(key!.path, 'utf8'))
    expect(keystore.crypto).toMatchObject({ kdf: 'scrypt', cipher: 'aes-128-ctr' })
    expect((await cli('keys', 'show')).stdout).toContain(key!.address)
    const second = await cli('keys', 'create', '--name', 'default')
    expectOneLineError(second, /already exists/)
    // A passphrase is all that protects the key on disk: an empty or short one is refused, and says why.
    for (const weak of ['', 'short pass'])
      expectOneLineError(
        await runCli(['keys', 'create', '--name', 'other'], { ...env, RIGHTFLOW_PASSPHRASE: weak }, dir),
        /at least 12 characters/,
        2,
      )
    expect((await cli('keys', 'list')).stdout).not.toContain('other')
    const { RIGHTFLOW_PASSPHRASE: _, ...withoutPassphrase } = env
    expectOneLineError(
      await runCli(['keys', 'create', '--name', 'x'], withoutPassphrase, dir),
      /RIGHTFLOW_PASSPHRASE/,
    )
  })

  it('refuses a wrong passphrase in one line', async () => {
    await writeFile(join(dir, 'w.txt'), 'wrong passphrase test')
    const run = await runCli(
      ['register', 'w.txt', '--origin', 'human', '--key', 'default'],
      { ...env, RIGHTFLOW_PASSPHRASE: 'nope' },
      dir,
    )
    expectOneLineError(run, /Wrong passphrase/)
  })
})

describe('rightflow register, verify and history', () => {
  it('registers a file, shows it pending, then verified against the chain', async () => {
    await writeFile(join(dir, 'photo.jpg'), 'not really a jpeg, but bytes are bytes')
    const registered = await cli(
      'register',
      'photo.jpg',
      '--origin',
      'human',
      '--title',
      'Harbour at dawn',
      '--key',
      'default',
    )
    expect(registered.code).toBe(0)
    expect(registered.stdout).toMatch(/record 0x[0-9a-f]{64}\s+pending/)

    const pending = await cli('verify', 'photo.jpg')
    expect(pending.code).toBe(4)
    expect(pending.stdout).toMatch(/PENDING/)

    await h.anchorNow()
    const verified = await cli('verify', 'photo.jpg')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/VERIFIED {2}signed by 0x[0-9a-f]{40}, on chain since/)
    expect(verified.stdout).toContain('Harbour at dawn')
    expect(verified.stdout).toMatch(/proof checked by the registry on eip155:31337/)

    const json = (await cli('verify', 'photo.jpg', '--json')).json<{
      verdict: string
      records: { check: { anchor: { proofVerifiedOnChain: boolean } } }[]
    }>()
    expect(json.verdict).toBe('verified')
    expect(json.records[0]!.check.anchor.proofVerifiedOnChain).toBe(true)
  })

  it('gives a file without a record its own exit code', async () => {
    await writeFile(join(dir, 'stranger.png'), 'never registered')
    const run = await cli('verify', 'stranger.png')
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/NO RECORD/)
    expect((await cli('verify', 'stranger.png', '--json')).json()).toMatchObject({
      verdict: 'unregistered',
      records: [],
    })
  })

  it('treats a truncated or empty copy of a registered file as unregistered', async () => {
    const bytes = 'a registered original whose copy lost its tail'
    await writeFile(join(dir, 'original.bin'), bytes)
    expect((await cli('register', 'original.bin', '--origin', 'human', '--key', 'default')).code).toBe(0)
    await writeFile(join(dir, 'truncated.bin'), bytes.slice(0, 20))
    await writeFile(join(dir, 'empty.bin'), '')
    expect((await cli('verify', 'truncated.bin')).code).toBe(3)
    expect((await cli('verify', 'empty.bin')).code).toBe(3)
    expect((await cli('verify', 'original.bin')).code).toBe(4)
  })

  it('registers a folder, and a second run skips everything already registered', async () => {
    const folder = join(dir, 'album')
    await mkdir(join(folder, 'nested'), { recursive: true })
    for (let i = 0; i < 25; i++)
      await writeFile(join(folder, i % 2 ? 'nested' : '', `img-${i}.png`), `image ${i}`)
    await writeFile(join(folder, '.hidden'), 'skipped')
    // An interrupted first run: only a few files made it.
    const registerAi = (...paths: string[]) =>
      cli('register', ...paths, '--origin', 'ai', '--model', 'sdxl', '--key', 'default', '--json')
    const partial = await registerAi(join('album', 'img-0.png'), join('album', 'img-2.png'))
    expect(partial.json()).toMatchObject({ registered: 2, skipped: 0 })
    const full = await registerAi('album')
    expect(full.json()).toMatchObject({ registered: 23, skipped: 2 })
    const again = await registerAi('album')
    expect(again.json()).toMatchObject({ registered: 0, skipped: 25 })
  })

  it('records derivatives and shows the lineage as a tree', async () => {
    await writeFile(join(dir, 'sketch.png'), 'the original sketch')
    await writeFile(join(dir, 'final.png'), 'the finished piece')
    expect(
      (await cli('register', 'sketch.png', '--origin', 'human', '--title', 'Sketch', '--key', 'default'))
        .code,
    ).toBe(0)
    const derived = await cli(
      'register',
      'final.png',
      '--origin',
      'ai-assisted',
      '--model',
      'inpaint-2',
      '--parent',
      'sketch.png',
      '--title',
      'Final',
      '--key',
      'default',
      '--json',
    )
    expect(derived.code).toBe(0)
    const history = await cli('history', 'sketch.png')
    expect(history.stdout).toMatch(/"Sketch" 0x[0-9a-f]{16}…\s+human/)
    expect(history.stdout).toMatch(/└─ "Final" 0x[0-9a-f]{16}…\s+ai-assisted/)
    const json = (await cli('history', 'final.png', '--json')).json<{
      ancestors: { next: { title: string }[] }
    }>()
    expect(json.ancestors.next.map((n) => n.title)).toEqual(['Sketch'])
  })

  it('answers bad input with one line and a non-zero exit', async () => {
    await writeFile(join(dir, 'x.txt'), 'x')
    expectOneLineError(
      await cli('register', 'x.txt', '--origin', 'robot', '--key', 'default'),
      /unknown origin "robot"/,
    )
    expectOneLineError(
      await cli('register', 'x.txt', '--origin', 'ai', '--key', 'default'),
      /--model is required/,
    )
    expectOneLineError(
      await cli('register', 'x.txt', '--origin', 'human', '--model', 'm', '--key', 'default'),
      /takes no --model/,
    )
    expectOneLineError(
      await cli('register', 'missing.txt', '--origin', 'human', '--key', 'default'),
      /no such file/,
    )
    expectOneLineError(
      await cli(
        'register',
        'x.txt',
        '--origin',
        'human',
        '--parent',
        `0x${'ab'.repeat(32)}`,
        '--key',
        'default',
      ),
      /is not a registered record/,
    )
    expectOneLineError(await cli('verify', 'missing.txt'), /cannot read/)
    expectOneLineError(await cli('register', 'x.txt'), /required option '--origin/, 2)
    expectOneLineError(await cli('frobnicate'), /unknown command/, 2)
    // A near miss names the command meant, still on one line.
    expectOneLineError(await cli('verfy', 'x.txt'), /unknown command 'verfy' \(Did you mean verify\?\)/, 2)
    const serverDown = await runCli(
      ['verify', 'x.txt'],
      { ...env, RIGHTFLOW_SERVER: 'http://127.0.0.1:9' },
      dir,
    )
    expectOneLineError(serverDown, /server at http:\/\/127\.0\.0\.1:9 is not reachable/)
    const chainDown = await runCli(
      ['verify', 'x.txt'],
      { ...env, RIGHTFLOW_RPC_URL: 'http://127.0.0.1:9' },
      dir,
    )
    expectOneLineError(chainDown, /not reachable|HTTP request failed/)
    const json = await runCli(['register', 'x.txt', '--origin', 'robot', '--json'], env, dir)
    expect(json.json()).toMatchObject({ error: { code: 'cli_error' } })
  })
})

describe('washed copies', () => {
  it('finds the original record of a re-encoded, resized copy and says it is a perceptual match', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
      <rect width="640" height="480" fill="#1d4ed8"/><circle cx="220" cy="240" r="150" fill="#fbbf24"/>
      <rect x="380" y="80" width="200" height="320" fill="#16a34a"/><path d="M0 480 L640 300 L640 480 Z" fill="#111827"/></svg>`
    await sharp(Buffer.from(svg)).png().toFile(join(dir, 'poster.png'))
    expect(
      (await cli('register', 'poster.png', '--origin', 'human', '--title', 'Poster', '--key', 'default'))
        .code,
    ).toBe(0)
    await h.anchorNow()
    await sharp(join(dir, 'poster.png'))
      .resize(320)
      .jpeg({ quality: 50 })
      .toFile(join(dir, 'poster-washed.jpg'))

    const run = await cli('verify', 'poster-washed.jpg')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /perceptual: looks like the registered image \(PDQ distance \d+ of 256 bits, confidence 0\.\d+\)/,
    )
    expect(run.stdout).toMatch(/VERIFIED .*\(a washed copy: perceptual match\)/)
    const json = (await cli('verify', 'poster-washed.jpg', '--json')).json<{
      verdict: string
      records: { metadata: { title: string }; check: { match: { kind: string; distance: number } } }[]
    }>()
    expect(json.verdict).toBe('verified')
    expect(json.records[0]).toMatchObject({
      metadata: { title: 'Poster' },
      check: { match: { kind: 'perceptual' } },
    })
    expect(json.records[0]!.check.match.distance).toBeLessThan(32)

    // A copy with 5% cropped away: found through the re-framed hashes verify sends when the plain one misses.
    const { width, height } = await sharp(join(dir, 'poster.png')).metadata()
    await sharp(join(dir, 'poster.png'))
      .extract({
        left: Math.round(width! * 0.03),
        top: Math.round(height! * 0.02),
        width: Math.round(width! * 0.95),
        height: Math.round(height! * 0.95),
      })
      .jpeg({ quality: 80 })
      .toFile(join(dir, 'poster-cropped.jpg'))
    const cropped = (await cli('verify', 'poster-cropped.jpg', '--json')).json<{
      verdict: string
      records: { metadata: { title: string }; check: { match: { kind: string } } }[]
    }>()
    expect(cropped).toMatchObject({
      verdict: 'verified',
      records: [{ metadata: { title: 'Poster' }, check: { match: { kind: 'perceptual' } } }],
    })

    // Exact bytes always win over a perceptual match.
    const exact = (await cli('verify', 'poster.png', '--json')).json<{
      records: { check: { match: { kind: string } } }[]
    }>()
    expect(exact.records[0]!.check.match.kind).toBe('exact')
    // A different picture matches nothing.
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ff00aa' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><circle cx="80" cy="60" r="50" fill="#000"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toFile(join(dir, 'other.jpg'))
    expect((await cli('verify', 'other.jpg')).code).toBe(3)
  })

  it('registers a corrupt image by its bytes alone', async () => {
    await writeFile(join(dir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
    const run = await cli('register', 'broken.jpg', '--origin', 'human', '--key', 'default', '--json')
    expect(run.json()).toMatchObject({ registered: 1 })
    expect((await cli('verify', 'broken.jpg')).code).toBe(4)
  })
})

describe('verify does not trust the server', () => {
  it('calls a record INVALID when a server hands out a proof the chain rejects', async () => {
    await writeFile(join(dir, 'trusted.txt'), 'content a lying server will vouch for')
    expect((await cli('register', 'trusted.txt', '--origin', 'human', '--key', 'default')).code).toBe(0)
    await h.anchorNow()
    // A real HTTP proxy in front of the real server that flips one byte of every proof it forwards.
    const liar = createServer(async (req, res) => {
      const upstream = await fetch(`${h.server.url}${req.url}`)
      const body = (await upstream.text()).replace(
        /"proof":\["0x(.)/g,
        (_m, c: string) => `"proof":["0x${c === 'a' ? 'b' : 'a'}`,
      )
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body)
    })
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = liar.address() as { port: number }
      const run = await runCli(
        ['verify', 'trusted.txt'],
        { ...env, RIGHTFLOW_SERVER: `http://127.0.0.1:${port}` },
        dir,
      )
      expect(run.code).toBe(5)
      expect(run.stdout).toMatch(/INVALID .*the chain does not confirm the inclusion proof/)
    } finally {
      liar.close()
    }
  })
})
