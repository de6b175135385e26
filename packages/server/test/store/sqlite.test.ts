import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js'
import { storeConformance } from './conformance.js'

storeConformance('SQLite (in memory)', () => new SqliteStore(':memory:'))
storeConformance(
  'SQLite (file, WAL)',
  () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'rf-store-')), 'store.db')),
)
