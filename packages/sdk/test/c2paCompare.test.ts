import { describe, expect, it } from 'vitest'
import type { ContentCredentials } from '../src/c2pa/contentCredentials.js'
import { compareWithRecord, createRecord, type Hex, recordId } from '../src/index.js'

const record = createRecord({
  creator: '0x1111111111111111111111111111111111111111',
  contentHash: `0x${'12'.repeat(32)}`,
  size: 1,
  mediaType: 'image/png',
  origin: 'ai',
  model: 'sdxl',
})
const id = recordId(record)

function credentials(overrides: Partial<ContentCredentials['activeManifest']> = {}): ContentCredentials {
  return {
    activeManifest: {
      label: 'urn:c2pa:test',
      title: 't',
      claimGenerator: 'Rightflow',
      signer: { issuer: 'O', commonName: 'CN', time: undefined },
      actions: [{ action: 'c2pa.created', softwareAgent: 'sdxl' }],
      origin: 'ai',
      ingredients: [],
      trainingMining: undefined,
      rightflow: {
        recordId: id,
        chainId: 31337,
        registry: '0x29F7b92C75fc99a7428C18c886295992aE63350B' as Hex,
      },
      ...overrides,
    } as ContentCredentials['activeManifest'],
    manifestCount: 1,
    validation: { state: 'trusted', errors: [] },
  }
}

describe('compareWithRecord', () => {
  it('agrees when origin, model and record id match', () => {
    expect(compareWithRecord(credentials(), { id, record })).toEqual({ status: 'agree', differences: [] })
  })

  it('disagrees loudly on a different origin, model or record id', () => {
    const result = compareWithRecord(
      credentials({
        origin: 'human',
        actions: [{ action: 'c2pa.created', softwareAgent: 'midjourney' }],
        rightflow: {
          recordId: `0x${'ff'.repeat(32)}` as Hex,
          chainId: 1,
          registry: '0x0000000000000000000000000000000000000001' as Hex,
        } as never,
      }),
      { id, record },
    )
    expect(result.status).toBe('disagree')
    expect(result.differences).toHaveLength(3)
  })

  it('reports one-sided and absent credentials', () => {
    expect(compareWithRecord(credentials(), undefined).status).toBe('c2pa-only')
    expect(compareWithRecord(undefined, { id, record }).status).toBe('chain-only')
    expect(compareWithRecord(undefined, undefined).status).toBe('none')
  })
})
