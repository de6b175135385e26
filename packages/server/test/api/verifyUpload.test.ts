import {
  createCertificateAuthority,
  embedContentCredentials,
  type Hex,
  issueCreatorCertificate,
  perceptualHashImage,
  recordId,
  sha256Bytes,
} from '@rightflow/sdk'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

let h: Harness
let image: Uint8Array
let id: Hex
let signed: Awaited<ReturnType<typeof makeSigned>>

type Verified = {
  contentHash: Hex
  records: { id: Hex; match: { kind: string; distance?: number } }[]
  c2pa: {
    credentials: { validation: { state: string } } | null
    error: { code: string } | null
    agreement: { status: string }
  }
}

const upload = (bytes: Uint8Array, type: string) =>
  fetch(`${h.server.url}/v1/verify`, { method: 'POST', headers: { 'content-type': type }, body: bytes })

beforeAll(async () => {
  h = await startHarness()
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#0c4a6e"/>
    <circle cx="120" cy="150" r="80" fill="#facc15"/><rect x="250" y="30" width="90" height="240" fill="#f8fafc"/></svg>`
  image = new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer())
  const { hash, quality } = await perceptualHashImage({ bytes: image })
  const metadata = { title: 'Upload', perceptualHash: hash, perceptualQuality: quality }
  signed = await makeSigned(h.account, h.domain, { contentHash: sha256Bytes(image), metadata })
  id = recordId(signed.record)
  expect((await h.post('/v1/records', submission(signed, { metadata }))).status).toBe(202)
  await h.anchorNow()
})
afterAll(() => h.stop())

describe('POST /v1/verify', () => {
  it('finds the record of the exact bytes', async () => {
    const body = (await (await upload(image, 'image/png')).json()) as Verified
    expect(body.records).toMatchObject([{ id, match: { kind: 'exact' } }])
    expect(body.c2pa).toMatchObject({ credentials: null, agreement: { status: 'chain-only' } })
  })

  it('finds the original of a washed copy', async () => {
    const washed = new Uint8Array(await sharp(image).resize(200).jpeg({ quality: 60 }).toBuffer())
    const body = (await (await upload(washed, 'image/jpeg')).json()) as Verified
    expect(body.records[0]).toMatchObject({ id, match: { kind: 'perceptual' } })
    expect(body.records[0]!.match.distance).toBeLessThan(32)
  })

  it('reads and validates Content Credentials, and compares them with the record', async () => {
    const ca = await createCertificateAuthority({ name: 'Upload Test CA' })
    const creator = await issueCreatorCertificate({ ca, subjectName: 'Uploader' })
    const { bytes } = await embedContentCredentials({
      bytes: image,
      mediaType: 'image/png',
      record: signed.record,
      recordId: id,
      chainId: h.chain.chainId,
      registry: h.chain.registry,
      signer: { chainPem: creator.chainPem, privateKeyPem: creator.privateKeyPem },
    })
    const body = (await (await upload(bytes, 'image/png')).json()) as Verified
    expect(body.records[0]).toMatchObject({ id, match: { kind: 'perceptual', distance: 0 } })
    expect(body.c2pa).toMatchObject({
      credentials: { validation: { state: 'valid' } },
      agreement: { status: 'agree' },
    })

    const broken = bytes.slice()
    broken[broken.length - 40]! ^= 0xff
    const tampered = (await (await upload(broken, 'image/png')).json()) as Verified
    expect(tampered.c2pa.credentials?.validation.state ?? tampered.c2pa.error?.code).toMatch(
      /invalid|corrupt/,
    )
  })

  it('answers bad uploads with problems, and other files with what it knows', async () => {
    const empty = await upload(new Uint8Array(0), 'image/png')
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ code: 'invalid_request' })
    expect((await upload(new Uint8Array([1, 2, 3]), 'application/json')).status).toBe(415)
    const lying = (await (
      await upload(new TextEncoder().encode('not a png at all'), 'image/png')
    ).json()) as Verified
    expect(lying).toMatchObject({ records: [], c2pa: { credentials: null } })
    const text = (await (await upload(new TextEncoder().encode('hello'), 'text/plain')).json()) as Verified
    expect(text).toMatchObject({
      records: [],
      c2pa: { credentials: null, error: null, agreement: { status: 'none' } },
    })
  })
})
