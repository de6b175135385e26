import {
  type ApiClient,
  type ApiRecord,
  findRecordsByContentHash,
  getRecord,
  type Hex,
  type IpAsset,
  readAsset,
  sha256File,
} from '@rightflow/sdk'
import { type Address, isAddressEqual } from 'viem'
import { CliError } from '../cliError.js'
import type { RightsSession } from './session.js'

const recordIdPattern = /^0x[0-9a-fA-F]{64}$/

/** The records of a `<work>` argument: a record id, or a file whose records are found by its sha256. */
async function recordsOfWork(api: ApiClient, work: string): Promise<{ id?: Hex; records: ApiRecord[] }> {
  if (recordIdPattern.test(work)) {
    const id = work.toLowerCase() as Hex
    const record = await getRecord(api, id)
    return { id, records: record ? [record] : [] }
  }
  const { contentHash } = await sha256File({ path: work }).catch(() => {
    throw new CliError(`${work} is neither a record id (0x and 64 hex digits) nor a readable file`)
  })
  const records = await findRecordsByContentHash(api, contentHash)
  if (records.length === 0)
    throw new CliError(
      `${work} has no record: register it first (\`rightflow register ${work} --origin … --direct\`)`,
      1,
      'no_record',
    )
  return { records }
}

/**
 * The IP asset a `<work>` names. A file may have several records (one per claim on its bytes, listed earliest
 * claim first): rights in the bytes follow the earliest anchored claim, so a buyer gets that claim's asset
 * only, never a later claim's; `prefer` (an owner managing their own asset) gets their own first. A superseded
 * asset is never the answer for a file.
 */
export async function findAsset(
  session: RightsSession,
  api: ApiClient,
  work: string,
  prefer?: Address,
): Promise<IpAsset> {
  const read = (assetId: Hex) => readAsset({ ...session, assetId })
  if (recordIdPattern.test(work)) {
    const asset = await read(work.toLowerCase() as Hex)
    if (!asset)
      throw new CliError(
        `${work} is not an IP asset: \`rightflow asset create ${work}\` makes it one`,
        1,
        'asset_not_found',
      )
    return asset
  }
  const { records } = await recordsOfWork(api, work)
  const earliest = records.find((r) => r.status === 'anchored')
  const candidates = prefer
    ? [...records].sort(
        (a, b) =>
          Number(isAddressEqual(b.record.creator, prefer)) - Number(isAddressEqual(a.record.creator, prefer)),
      )
    : earliest
      ? [earliest]
      : []
  for (const { id } of candidates) {
    const asset = await read(id)
    if (asset && !asset.supersededBy) return asset
  }
  throw new CliError(
    `${work} is registered (record ${records[0]!.id}, the earliest claim on its bytes) but is not an IP asset: run \`rightflow asset create ${work}\``,
    1,
    'asset_not_found',
  )
}

/**
 * The record of `work` that `creator` made, for turning into an asset: only a record's creator may. The
 * server's copy is absent when a record id is known on chain only.
 */
export async function findOwnRecord(
  api: ApiClient,
  work: string,
  creator: Address,
): Promise<{ id: Hex; record: ApiRecord | undefined }> {
  const { id, records } = await recordsOfWork(api, work)
  if (id) return { id, record: records[0] }
  const mine = records.find((r) => isAddressEqual(r.record.creator, creator))
  if (!mine)
    throw new CliError(
      `${work} was registered by ${records[0]!.record.creator}, not by your key ${creator}: only a record's creator can make it an asset`,
      1,
      'not_record_creator',
    )
  return { id: mine.id, record: mine }
}
