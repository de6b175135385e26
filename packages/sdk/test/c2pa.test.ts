import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { createCoseSigner } from '../src/c2pa/coseSigner.js'
import { loadC2pa, toBlob } from '../src/c2pa/loadC2pa.js'
import { createCertificateAuthority, issueCreatorCertificate, readContentCredentials } from '../src/index.js'
import { c2paFixture, chainId, embed, iptc, parentA, parentB, registry } from './support/c2paFixtures.js'

const f = c2paFixture()

describe('embedContentCredentials then readContentCredentials', () => {
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`test_roundTrip_${format}_isTrustedWithTheCaAsAnchorAndKeepsThePixels`, async () => {
      const { bytes, manifestBytesAdded, record, id } = await embed(f, format, 'ai', {
        model: 'stable-diffusion-xl',
      })
      expect(manifestBytesAdded).toBe(bytes.length - f.images[format].length)
      expect(manifestBytesAdded).toBeGreaterThan(1000)

      const read = await readContentCredentials({
        bytes,
        mediaType: `image/${format}`,
        trustAnchorsPem: f.ca.certificatePem,
      })
      expect(read?.validation).toEqual({ state: 'trusted', errors: [] })
      const manifest = read!.activeManifest
      expect(manifest.title).toBe(`photo.${format}`)
      expect(manifest.claimGenerator).toMatch(/^Rightflow\/\d+\.\d+\.\d+$/)
      expect(manifest.signer).toEqual({
        issuer: 'Rightflow Test CA',
        commonName: 'Alice Example',
        time: undefined,
      })
      expect(manifest.actions).toEqual([
        {
          action: 'c2pa.created',
          digitalSourceType: `${iptc}trainedAlgorithmicMedia`,
          softwareAgent: 'stable-diffusion-xl',
          when: '2025-06-15T15:06:40.000Z',
        },
      ])
      expect(manifest.origin).toBe('ai')
      expect(manifest.ingredients).toEqual([])
      expect(manifest.trainingMining).toEqual({
        'cawg.ai_generative_training': 'notAllowed',
        'cawg.ai_inference': 'notAllowed',
        'cawg.ai_training': 'notAllowed',
        'cawg.data_mining': 'notAllowed',
      })
      expect(manifest.rightflow).toEqual({ recordId: id, chainId, registry, contentHash: record.contentHash })
      expect(read!.manifestCount).toBe(1)

      // Only metadata was added: same format, same size, same decoded pixels.
      const [before, after] = await Promise.all(
        [f.images[format], bytes].map((b) => sharp(b).raw().toBuffer({ resolveWithObject: true })),
      )
      expect(after!.info).toMatchObject({ format: 'raw', width: 320, height: 240 })
      expect((await sharp(bytes).metadata()).format).toBe(format)
      expect(after!.data.equals(before!.data)).toBe(true)
    })

    it(`test_roundTrip_${format}_isValidButUntrustedWithoutAnchors`, async () => {
      const { bytes } = await embed(f, format, 'human')
      const read = await readContentCredentials({ bytes, mediaType: `image/${format}` })
      expect(read?.validation.state).toBe('valid')
      expect(read?.validation.errors.map((e) => e.code)).toEqual(['signingCredential.untrusted'])
    })
  }

  it.each([
    ['human', '', 'digitalCapture'],
    ['ai', 'flux-1', 'trainedAlgorithmicMedia'],
    ['ai-assisted', 'firefly-3', 'compositeWithTrainedAlgorithmicMedia'],
    ['composite', '', 'composite'],
  ] as const)('test_roundTrip_origin_%s_statesIptcTerm', async (origin, model, term) => {
    const { bytes } = await embed(f, 'jpeg', origin, model ? { model } : {})
    const manifest = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!.activeManifest
    expect(manifest.actions[0]).toMatchObject({ action: 'c2pa.created', digitalSourceType: iptc + term })
    expect(manifest.actions[0]!.softwareAgent).toBe(model || undefined)
    expect(manifest.origin).toBe(origin)
  })

  it('test_roundTrip_editOfParents_opensTheFirstPlacesTheOthersAndStatesHumanEdits', async () => {
    const { bytes } = await embed(f, 'jpeg', 'human', { parents: [parentB, parentA] })
    const read = (await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: f.ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.activeManifest.ingredients).toEqual([
      { title: parentA, relationship: 'parentOf', hasCredentials: false },
      { title: parentB, relationship: 'componentOf', hasCredentials: false },
    ])
    expect(read.activeManifest.actions.map((a) => [a.action, a.digitalSourceType])).toEqual([
      ['c2pa.opened', undefined],
      ['c2pa.placed', undefined],
      ['c2pa.edited', `${iptc}humanEdits`],
    ])
    expect(read.activeManifest.origin).toBe('human')
  })

  it('test_roundTrip_aiAssistedEdit_namesTheModelOnTheEdit', async () => {
    const { bytes } = await embed(f, 'png', 'ai-assisted', { model: 'firefly-3', parents: [parentA] })
    const { actions, ingredients } = (await readContentCredentials({ bytes, mediaType: 'image/png' }))!
      .activeManifest
    expect(ingredients).toEqual([{ title: parentA, relationship: 'parentOf', hasCredentials: false }])
    expect(actions.at(-1)).toMatchObject({
      action: 'c2pa.edited',
      digitalSourceType: `${iptc}compositeWithTrainedAlgorithmicMedia`,
      softwareAgent: 'firefly-3',
    })
  })

  it('test_roundTrip_composite_createsAndPlacesEveryParentAsComponent', async () => {
    const { bytes } = await embed(f, 'jpeg', 'composite', { parents: [parentA, parentB] })
    const read = (await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: f.ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.activeManifest.actions.map((a) => a.action)).toEqual([
      'c2pa.created',
      'c2pa.placed',
      'c2pa.placed',
    ])
    expect(read.activeManifest.actions[0]!.digitalSourceType).toBe(`${iptc}composite`)
    expect(read.activeManifest.ingredients.map((i) => i.relationship)).toEqual(['componentOf', 'componentOf'])
  })

  it('test_roundTrip_trainingMining_writesGivenPermissionsAndDefaultsTheRestToNotAllowed', async () => {
    const { bytes } = await embed(
      f,
      'jpeg',
      'human',
      {},
      {
        trainingMining: {
          'cawg.ai_inference': 'allowed',
          'cawg.ai_training': { use: 'constrained', constraintsInfo: 'https://example.org/licence' },
        },
      },
    )
    const { trainingMining } = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!
      .activeManifest
    expect(trainingMining).toEqual({
      'cawg.ai_generative_training': 'notAllowed',
      'cawg.ai_inference': 'allowed',
      'cawg.ai_training': 'constrained',
      'cawg.data_mining': 'notAllowed',
    })
  })

  it('test_roundTrip_digitalSourceTypeOverride_isStatedAndMapsBack', async () => {
    const { bytes } = await embed(f, 'jpeg', 'human', {}, { digitalSourceType: `${iptc}digitalCreation` })
    const manifest = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!.activeManifest
    expect(manifest.actions[0]!.digitalSourceType).toBe(`${iptc}digitalCreation`)
    expect(manifest.origin).toBe('human')
  })

  it('test_roundTrip_thumbnail_addsAJpegPreviewAndStaysTrusted', async () => {
    const without = await embed(f, 'jpeg', 'human')
    const withThumbnail = await embed(f, 'jpeg', 'human', {}, { thumbnail: true })
    expect(withThumbnail.manifestBytesAdded).toBeGreaterThan(without.manifestBytesAdded + 1000)
    const read = await readContentCredentials({
      bytes: withThumbnail.bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: f.ca.certificatePem,
    })
    expect(read?.validation.state).toBe('trusted')
    const { WasmReader } = await loadC2pa()
    const manifest = (await WasmReader.fromBytes('image/jpeg', withThumbnail.bytes)).activeManifest()
    expect(manifest.thumbnail.format).toBe('image/jpeg')
  })

  it('test_roundTrip_existingCredentials_areKeptAsTheParentIngredient', async () => {
    const first = await embed(f, 'jpeg', 'human')
    const second = await embed(f, 'jpeg', 'human', {}, { bytes: first.bytes, title: 'registered.jpg' })
    expect(first.keptExistingCredentials).toBe(false)
    expect(second.keptExistingCredentials).toBe(true)
    const read = (await readContentCredentials({
      bytes: second.bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: f.ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.manifestCount).toBe(2)
    expect(read.activeManifest.ingredients).toEqual([
      { title: 'registered.jpg', relationship: 'parentOf', hasCredentials: true },
    ])
    expect(read.activeManifest.actions.map((a) => a.action)).toEqual(['c2pa.opened'])
    expect(read.activeManifest.rightflow?.recordId).toBe(second.id)
  })

  it('test_roundTrip_organisationChain_isTrustedOnlyByItsOwnRoot', async () => {
    const orgCa = await createCertificateAuthority({ name: 'Harbour Times Root' })
    const signer = await issueCreatorCertificate({ ca: orgCa, subjectName: 'Photo desk' })
    const { bytes } = await embed(f, 'png', 'human', {}, { signer })
    const read = (anchors: string) =>
      readContentCredentials({ bytes, mediaType: 'image/png', trustAnchorsPem: anchors })
    expect((await read(f.ca.certificatePem))?.validation.state).toBe('valid')
    expect((await read(f.ca.certificatePem + orgCa.certificatePem))?.validation.state).toBe('trusted')
    expect((await read(f.ca.certificatePem + orgCa.certificatePem))?.activeManifest.signer.issuer).toBe(
      'Harbour Times Root',
    )
  })

  it('test_roundTrip_paddedSignature_isAcceptedByTheLibrary', async () => {
    const { WasmBuilder, WasmReader } = await loadC2pa()
    const definition = {
      format: 'image/jpeg',
      assertions: [
        {
          label: 'c2pa.actions',
          data: { actions: [{ action: 'c2pa.created', digitalSourceType: `${iptc}digitalCapture` }] },
        },
      ],
    }
    const signer = createCoseSigner(f.creator, { extraReserve: 29 })
    const signed = await WasmBuilder.fromJson(JSON.stringify(definition)).sign(
      signer,
      [],
      'image/jpeg',
      toBlob(f.images.jpeg),
    )
    const settings = JSON.stringify({
      trust: { user_anchors: f.ca.certificatePem },
      verify: { verify_trust: true },
    })
    expect(
      (await WasmReader.fromBytes('image/jpeg', signed, settings)).manifestStore().validation_state,
    ).toBe('Trusted')
  })
  it('test_roundTrip_concurrentCalls_shareTheWasmModuleSafely', async () => {
    const signed = await Promise.all(
      (['jpeg', 'png', 'webp', 'jpeg', 'png', 'webp'] as const).map((format, i) =>
        embed(f, format, i % 2 ? 'ai' : 'human', i % 2 ? { model: `model-${i}` } : {}, { thumbnail: i < 3 }),
      ),
    )
    const reads = await Promise.all(
      signed.map(({ bytes }, i) =>
        readContentCredentials({
          bytes,
          mediaType: `image/${['jpeg', 'png', 'webp'][i % 3]}`,
          trustAnchorsPem: f.ca.certificatePem,
        }),
      ),
    )
    expect(reads.map((r) => r?.validation.state)).toEqual(Array(6).fill('trusted'))
    expect(reads.map((r) => r?.activeManifest.actions[0]?.softwareAgent)).toEqual([
      undefined,
      'model-1',
      undefined,
      'model-3',
      undefined,
      'model-5',
    ])
  })
})

describe('readContentCredentials on files without credentials', () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'test_read_%s_withoutManifest_returnsUndefined',
    async (format) => {
      expect(
        await readContentCredentials({ bytes: f.images[format], mediaType: `image/${format}` }),
      ).toBeUndefined()
    },
  )
})
