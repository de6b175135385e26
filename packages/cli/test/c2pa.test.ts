import { createHash, createPrivateKey } from 'node:crypto'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRecord, embedContentCredentials, recordId } from '@rightflow/sdk'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../server/test/api/serverHarness.js'
import { cliEnvironment, runCli } from './runCli.js'

let h: Harness
let dir: string
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env, dir)

/** The signing chain and key `rightflow ca issue` stored, decrypted as the CLI would. */
async function storedSigner(): Promise<{ chainPem: string; privateKeyPem: string }> {
  const chainPem = await readFile(join(dir, 'home', 'c2pa', 'signer.chain.pem'), 'utf8')
  const encrypted = await readFile(join(dir, 'home', 'c2pa', 'signer.key.pem'), 'utf8')
  const privateKeyPem = createPrivateKey({ key: encrypted, passphrase: env.RIGHTFLOW_PASSPHRASE! })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString()
  return { chainPem, privateKeyPem }
}

/** A small, structured picture; each seed draws a different composition (PDQ looks at structure, not hue). */
async function picture(path: string, hue: string, seed: number): Promise<void> {
  const shapes = Array.from({ length: 12 }, (_, i) => {
    const x = (seed * 97 + i * 53) % 420
    const y = (seed * 61 + i * 89) % 300
    const size = 20 + ((seed * 31 + i * 17) % 90)
    const fill = i % 3 === 0 ? '#fde047' : i % 3 === 1 ? '#0f172a' : '#f8fafc'
    return i % 2
      ? `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${fill}"/>`
      : `<rect x="${x}" y="${y}" width="${size}" height="${size * 1.5}" fill="${fill}"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="${hue}"/>${shapes}</svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(path)
}

beforeAll(async () => {
  h = await startHarness()
  dir = await mkdtemp(join(tmpdir(), 'rf-c2pa-cli-'))
  env = cliEnvironment(dir, 'c2pa passphrase', {
    serverUrl: h.server.url,
    rpcUrl: h.chain.rpcUrl,
    registry: h.chain.registry,
  })
  expect((await cli('keys', 'create')).code).toBe(0)
  expect((await cli('ca', 'init', '--name', 'Test Newsroom CA')).code).toBe(0)
  expect((await cli('ca', 'issue', '--name', 'Alice Example', '--organization', 'Test Newsroom')).code).toBe(
    0,
  )
})
afterAll(() => h.stop())

describe('Content Credentials in the CLI', () => {
  it('keeps the CA and signing keys encrypted and never overwrites them', async () => {
    const key = await readFile(join(dir, 'home', 'c2pa', 'ca.key.pem'), 'utf8')
    expect(key).toContain('BEGIN ENCRYPTED PRIVATE KEY')
    const again = await cli('ca', 'init')
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('embeds credentials in a copy and verifies it: trusted, agreeing with the chain', async () => {
    await picture(join(dir, 'harbour.jpg'), '#1e3a8a', 1)
    const registered = await cli(
      'register',
      'harbour.jpg',
      '--origin',
      'ai',
      '--model',
      'sdxl-1.0',
      '--title',
      'Harbour',
      '--embed',
    )
    expect(registered.code).toBe(0)
    expect(registered.stdout).toContain('Content Credentials written to harbour.c2pa.jpg')
    await h.anchorNow()
    const run = await cli('verify', 'harbour.c2pa.jpg')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/C2PA\s+trusted; signed by Alice Example \(Test Newsroom\)/)
    expect(run.stdout).toMatch(/origin ai \(trainedAlgorithmicMedia\), software sdxl-1\.0/)
    expect(run.stdout).toMatch(/AI training and mining: .*not allowed/)
    expect(run.stdout).toContain('AGREES with the on-chain record')
    const json = (await cli('verify', 'harbour.c2pa.jpg', '--json')).json<{
      c2pa: { credentials: { validation: { state: string } }; agreement: { status: string } }
    }>()
    expect(json.c2pa).toMatchObject({
      credentials: { validation: { state: 'trusted' } },
      agreement: { status: 'agree' },
    })
    // Without the CA as trust anchor the manifest is intact but its signer unknown.
    const otherHome = await runCli(
      ['verify', 'harbour.c2pa.jpg', '--json'],
      { ...env, RIGHTFLOW_HOME: join(dir, 'nobody') },
      dir,
    )
    expect(otherHome.json()).toMatchObject({ c2pa: { credentials: { validation: { state: 'valid' } } } })
    // The copy is already registered through the record its credentials name.
    expect((await cli('import', 'harbour.c2pa.jpg')).stdout).toMatch(/already registered/)
  })

  it('calls a copy whose image bytes were altered after signing INVALID', async () => {
    const bytes = await readFile(join(dir, 'harbour.c2pa.jpg'))
    bytes[bytes.length - 200]! ^= 0x01
    await writeFile(join(dir, 'altered.jpg'), bytes)
    const run = await cli('verify', 'altered.jpg')
    expect(run.code).toBe(5)
    expect(run.stdout).toMatch(/INVALID \(.*assertion\.dataHash\.mismatch/)
  })

  it('flags credentials that contradict the chain record', async () => {
    await picture(join(dir, 'sketch.jpg'), '#7c2d12', 2)
    expect((await cli('register', 'sketch.jpg', '--origin', 'human', '--key', 'default')).code).toBe(0)
    await h.anchorNow()
    // Someone embeds credentials claiming AI generation into the registered picture.
    const bytes = new Uint8Array(await readFile(join(dir, 'sketch.jpg')))
    const { contentHash } = (await cli('verify', 'sketch.jpg', '--json')).json<{
      contentHash: `0x${string}`
    }>()
    const claim = createRecord({
      creator: h.account.address,
      contentHash,
      size: bytes.length,
      mediaType: 'image/jpeg',
      origin: 'ai',
      model: 'midjourney-6',
    })
    const forged = await embedContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      record: claim,
      recordId: recordId(claim),
      chainId: h.chain.chainId,
      registry: h.chain.registry,
      signer: await storedSigner(),
    })
    await writeFile(join(dir, 'sketch-claims-ai.jpg'), forged.bytes)
    const run = await cli('verify', 'sketch-claims-ai.jpg')
    expect(run.code).toBe(5)
    expect(run.stdout).toMatch(/DISAGREES with the on-chain record: .*origin ai, the record says human/)
  })

  it('imports a file that carries someone else’s credentials, keeping their claims', async () => {
    await picture(join(dir, 'camera.jpg'), '#14532d', 3)
    const bytes = new Uint8Array(await readFile(join(dir, 'camera.jpg')))
    const contentHash = `0x${createHash('sha256').update(bytes).digest('hex')}` as const
    const claim = createRecord({
      creator: h.account.address,
      contentHash,
      size: bytes.length,
      mediaType: 'image/jpeg',
      origin: 'ai-assisted',
      model: 'denoise-3',
    })
    const credentialed = await embedContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      record: claim,
      recordId: recordId(claim),
      chainId: 1,
      registry: '0x0000000000000000000000000000000000000001',
      signer: await storedSigner(),
      title: 'From the camera',
    })
    await writeFile(join(dir, 'from-camera.jpg'), credentialed.bytes)
    const before = await cli('verify', 'from-camera.jpg')
    expect(before.code).toBe(3)
    expect(before.stdout).toContain('C2PA only: no on-chain record backs these claims')

    const imported = await cli('import', 'from-camera.jpg', '--json')
    expect(imported.code).toBe(0)
    expect(imported.json()).toMatchObject({
      status: 'pending',
      origin: 'ai-assisted',
      model: 'denoise-3',
      c2pa: { validation: 'trusted' },
    })
    await h.anchorNow()
    const after = await cli('verify', 'from-camera.jpg')
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('AGREES with the on-chain record')
  })

  it('answers bad input with one line', async () => {
    await writeFile(join(dir, 'notes.txt'), 'plain text')
    const embedText = await cli('register', 'notes.txt', '--origin', 'human', '--embed')
    expect(embedText.code).toBe(1)
    expect(embedText.stderr).toMatch(/--embed writes Content Credentials into JPEG, PNG and WebP only/)
    await picture(join(dir, 'plain.jpg'), '#581c87', 4)
    const importPlain = await cli('import', 'plain.jpg')
    expect(importPlain.code).toBe(1)
    expect(importPlain.stderr.trim()).toMatch(/carries no Content Credentials/)
    const noSigner = await runCli(
      ['register', 'plain.jpg', '--origin', 'human', '--embed'],
      { ...env, RIGHTFLOW_HOME: join(dir, 'home2') },
      dir,
    )
    expect(noSigner.code).toBe(1)
  })
})
