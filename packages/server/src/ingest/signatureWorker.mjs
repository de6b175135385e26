// Worker-thread entry: plain JavaScript so it starts the same under tsx, vitest and node, then loads the
// TypeScript worker through tsx's API.
import { register } from 'tsx/esm/api'

register()
await import('./signatureWorkerMain.ts')
