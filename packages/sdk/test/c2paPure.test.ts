import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { encodeCbor } from '../src/c2pa/cbor.js'
import { toReadError } from '../src/c2pa/libraryErrors.js'
import { manifestDefinition } from '../src/c2pa/manifestDefinition.js'
import { readerSettings } from '../src/c2pa/readerSettings.js'
import { parseRightflowAssertion } from '../src/c2pa/rightflowAssertion.js'
import { summarizeManifestStore } from '../src/c2pa/summarizeManifestStore.js'
import { trainingMiningAssertion } from '../src/c2pa/trainingMining.js'
import {
  CorruptManifestError,
  createRecord,
  digitalSourceTypeFor,
  InvalidAssetError,
  normalizeMediaType,
  type Origin,
  originFromDigitalSourceType,
  origins,
  UnsupportedFormatError,
} from '../src/index.js'

const iptc = 'http://cv.iptc.org/newscodes/digitalsourcetype/'
const hash = (byte: string) => `0x${byte.repeat(32)}` as Hex

describe('digitalSourceTypeFor and originFromDigitalSourceType', () => {
  it.each([
    ['human', false, 'digitalCapture'],
    ['human', true, 'humanEdits'],
    ['ai', false, 'trainedAlgorithmicMedia'],
    ['ai', true, 'trainedAlgorithmicMedia'],
    ['ai-assisted', false, 'compositeWithTrainedAlgorithmicMedia'],
    ['ai-assisted', true, 'compositeWithTrainedAlgorithmicMedia'],
    ['composite', false, 'composite'],
    ['composite', true, 'composite'],
  ] as const)('test_digitalSourceTypeFor_%s_derived_%s_is_%s', (origin, derived, term) => {
    expect(digitalSourceTypeFor(origin, { derived })).toBe(iptc + term)
  })

  it('test_originFromDigitalSourceType_invertsEveryTermWeWrite', () => {
    for (const origin of origins)
      for (const derived of [false, true])
        expect(originFromDigitalSourceType(digitalSourceTypeFor(origin, { derived }))).toBe(origin)
  })

  it.each([
    [`${iptc}digitalCreation`, 'human'],
    [`${iptc}computationalCapture`, 'human'],
    ['https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia', 'ai'],
    ['trainedAlgorithmicMedia', 'ai'],
    [`${iptc}algorithmicallyEnhanced`, 'ai-assisted'],
    [`${iptc}compositeSynthetic`, 'composite'],
    [`${iptc}compositeCapture`, 'composite'],
    [`${iptc}algorithmicMedia`, undefined],
    [`${iptc}virtualRecording`, undefined],
    ['http://c2pa.org/digitalsourcetype/empty', undefined],
    ['http://example.org/digitalsourcetype/trainedAlgorithmicMedia', undefined],
    ['', undefined],
  ] as [string, Origin | undefined][])('test_originFromDigitalSourceType_%s_is_%s', (term, origin) => {
    expect(originFromDigitalSourceType(term)).toBe(origin)
  })
})

describe('encodeCbor', () => {
  it('test_encodeCbor_matchesRfc8949Vectors', () => {
    const hex = (v: Parameters<typeof encodeCbor>[0]) => Buffer.from(encodeCbor(v)).toString('hex')
    expect(hex(0)).toBe('00')
    expect(hex(23)).toBe('17')
    expect(hex(24)).toBe('1818')
    expect(hex(1000)).toBe('1903e8')
    expect(hex(1_000_000)).toBe('1a000f4240')
    expect(hex(1_000_000_000_000)).toBe('1b000000e8d4a51000')
    expect(hex(-1)).toBe('20')
    expect(hex(-7)).toBe('26')
    expect(hex(-1000)).toBe('3903e7')
    expect(hex('IETF')).toBe('6449455446')
    expect(hex('ü')).toBe('62c3bc')
    expect(hex(Uint8Array.of(1, 2, 3, 4))).toBe('4401020304')
    expect(hex(null)).toBe('f6')
    expect(hex([1, [2, 3], [4, 5]])).toBe('8301820203820405')
    expect(
      hex({
        pairs: [
          [1, -7],
          ['pad', new Uint8Array(0)],
        ],
      }),
    ).toBe('a201266370616440')
    expect(hex({ tag: 18, value: [] })).toBe('d280')
  })

  it('test_encodeCbor_refusesNonIntegers', () => {
    expect(() => encodeCbor(1.5)).toThrow(/safe integer/)
  })
})

describe('trainingMiningAssertion', () => {
  it('test_trainingMiningAssertion_defaultsEveryUseToNotAllowed', () => {
    expect(trainingMiningAssertion()).toEqual({
      entries: {
        'cawg.ai_generative_training': { use: 'notAllowed' },
        'cawg.ai_inference': { use: 'notAllowed' },
        'cawg.ai_training': { use: 'notAllowed' },
        'cawg.data_mining': { use: 'notAllowed' },
      },
    })
  })

  it('test_trainingMiningAssertion_writesConstraintsInfoInCawgSpelling', () => {
    const { entries } = trainingMiningAssertion({
      'cawg.data_mining': { use: 'constrained', constraintsInfo: 'CC-BY-NC-4.0' },
      'cawg.ai_inference': 'allowed',
    })
    expect(entries['cawg.data_mining']).toEqual({ use: 'constrained', constraints_info: 'CC-BY-NC-4.0' })
    expect(entries['cawg.ai_inference']).toEqual({ use: 'allowed' })
  })
})

describe('manifestDefinition', () => {
  const record = (origin: Origin, parents: Hex[] = [], model = '') =>
    createRecord({
      creator: '0x000000000000000000000000000000000000c0de',
      contentHash: hash('11'),
      size: 1,
      mediaType: 'image/jpeg',
      origin,
      model,
      parents,
      createdAt: 1_700_000_000,
    })
  const base = {
    mediaType: 'image/jpeg',
    recordId: hash('22'),
    chainId: 8453,
    registry: `0x${'33'.repeat(20)}` as Hex,
  }
  const actionsOf = (d: Record<string, unknown>) =>
    (d.assertions as { label: string; data: { actions: { action: string }[] } }[])[0]!.data.actions

  it('test_manifestDefinition_keptCredentialsWithParents_opensThemAndPlacesEveryParent', () => {
    const definition = manifestDefinition({
      ...base,
      record: record('ai-assisted', [hash('aa'), hash('bb')], 'firefly-3'),
      existingIngredientId: 'kept',
    })
    expect(definition.ingredients).toEqual([
      { title: hash('aa'), relationship: 'componentOf', label: hash('aa') },
      { title: hash('bb'), relationship: 'componentOf', label: hash('bb') },
    ])
    expect(actionsOf(definition)).toEqual([
      { action: 'c2pa.opened', parameters: { ingredientIds: ['kept'] } },
      { action: 'c2pa.placed', parameters: { ingredientIds: [hash('aa')] } },
      { action: 'c2pa.placed', parameters: { ingredientIds: [hash('bb')] } },
      {
        action: 'c2pa.edited',
        digitalSourceType: `${iptc}compositeWithTrainedAlgorithmicMedia`,
        softwareAgent: { name: 'firefly-3' },
        when: '2023-11-14T22:13:20.000Z',
      },
    ])
  })

  it('test_manifestDefinition_carriesTheRecordAssertionWithTheRegisteredHash', () => {
    const definition = manifestDefinition({ ...base, record: record('human') })
    expect(definition.assertions).toContainEqual({
      label: 'org.rightflow.record',
      data: { recordId: hash('22'), chainId: 8453, registry: base.registry, contentHash: hash('11') },
    })
    expect(definition).not.toHaveProperty('title')
  })
})

describe('summarizeManifestStore', () => {
  it('test_summarizeManifestStore_readsAV1ManifestFromAnotherTool', () => {
    const summary = summarizeManifestStore({
      active_manifest: 'urn:uuid:1',
      manifests: {
        'urn:uuid:1': {
          claim_generator: 'Adobe_Photoshop/25.0 adobe_c2pa/0.7.6',
          title: 'edit.jpg',
          assertions: [
            {
              label: 'c2pa.actions',
              data: {
                actions: [
                  { action: 'c2pa.opened', softwareAgent: 'Adobe Photoshop 25.0' },
                  { action: 'c2pa.edited', digitalSourceType: `${iptc}compositeWithTrainedAlgorithmicMedia` },
                ],
              },
            },
            {
              label: 'c2pa.training-mining',
              data: { entries: { 'c2pa.ai_training': { use: 'notAllowed' }, junk: 'x' } },
            },
            { label: 'org.rightflow.record', data: { recordId: 'not hex', chainId: 1 } },
          ],
          ingredients: [{ title: 'raw.dng', relationship: 'parentOf', active_manifest: 'urn:uuid:0' }],
          signature_info: {
            issuer: 'Adobe Inc.',
            common_name: 'Adobe Content Credentials',
            time: '2024-01-01T00:00:00Z',
          },
        },
      },
      validation_status: [
        { code: 'signingCredential.untrusted', explanation: 'signing certificate untrusted' },
      ],
      validation_state: 'Valid',
    })
    expect(summary.activeManifest).toEqual({
      label: 'urn:uuid:1',
      title: 'edit.jpg',
      claimGenerator: 'Adobe_Photoshop/25.0 adobe_c2pa/0.7.6',
      signer: { issuer: 'Adobe Inc.', commonName: 'Adobe Content Credentials', time: '2024-01-01T00:00:00Z' },
      actions: [
        { action: 'c2pa.opened', softwareAgent: 'Adobe Photoshop 25.0' },
        { action: 'c2pa.edited', digitalSourceType: `${iptc}compositeWithTrainedAlgorithmicMedia` },
      ],
      origin: 'ai-assisted',
      ingredients: [{ title: 'raw.dng', relationship: 'parentOf', hasCredentials: true }],
      trainingMining: { 'c2pa.ai_training': 'notAllowed' },
      rightflow: undefined,
    })
    expect(summary.validation).toEqual({
      state: 'valid',
      errors: [{ code: 'signingCredential.untrusted', explanation: 'signing certificate untrusted' }],
    })
  })

  it('test_summarizeManifestStore_withoutActiveManifest_isCorrupt', () => {
    expect(() => summarizeManifestStore({ manifests: {} })).toThrow(CorruptManifestError)
    expect(() => summarizeManifestStore(null)).toThrow(CorruptManifestError)
  })

  it('test_summarizeManifestStore_withoutState_isInvalid', () => {
    const summary = summarizeManifestStore({ active_manifest: 'm', manifests: { m: {} } })
    expect(summary.validation.state).toBe('invalid')
  })
})

describe('parseRightflowAssertion', () => {
  const good = { recordId: hash('aa'), chainId: 1, registry: `0x${'bb'.repeat(20)}`, contentHash: hash('cc') }
  it('test_parseRightflowAssertion_acceptsOurShape', () => {
    expect(parseRightflowAssertion(good)).toEqual(good)
  })
  it.each([
    ['recordId', 'x'],
    ['chainId', 0],
    ['chainId', 1.5],
    ['registry', '0x12'],
    ['contentHash', undefined],
  ])('test_parseRightflowAssertion_rejects_%s_%s', (key, value) => {
    expect(parseRightflowAssertion({ ...good, [key]: value })).toBeUndefined()
  })
})

describe('media types, settings and library errors', () => {
  it('test_normalizeMediaType_foldsCaseParametersAndAliases', () => {
    expect(normalizeMediaType(' Image/JPG; q=1')).toBe('image/jpeg')
    expect(normalizeMediaType('image/x-png')).toBe('image/png')
    expect(normalizeMediaType('IMAGE/WEBP')).toBe('image/webp')
  })

  it('test_readerSettings_areSnakeCaseAndNeverFetch', () => {
    const anchors = '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----'
    expect(JSON.parse(readerSettings({ trustAnchorsPem: anchors + anchors }))).toEqual({
      verify: {
        verify_after_reading: true,
        verify_trust: true,
        remote_manifest_fetch: false,
        ocsp_fetch: false,
      },
      trust: { user_anchors: `${anchors}\n${anchors}\n` },
    })
  })

  it('test_toReadError_mapsLibraryStringsToOurErrors', () => {
    expect(toReadError('C2pa(UnsupportedType)', 'text/plain')).toBeInstanceOf(UnsupportedFormatError)
    expect(toReadError('C2pa(UnsupportedType)', 'image/jpeg')).toBeInstanceOf(InvalidAssetError)
    expect(toReadError('C2pa(InvalidAsset("PNG out of range"))', 'image/png')).toBeInstanceOf(
      InvalidAssetError,
    )
    expect(toReadError('C2pa(JumbfParseError(UnexpectedEof))', 'image/png')).toBeInstanceOf(
      CorruptManifestError,
    )
    expect(toReadError(new Error('boom'), 'image/png')).toBeInstanceOf(CorruptManifestError)
  })
})
