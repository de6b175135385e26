import { parentPort } from 'node:worker_threads'
import { verifyRecordSignature } from '@rightflow/sdk/signatures'
import type { SignatureJob, SignatureJobResult } from './SignatureVerifier.js'

parentPort!.on('message', ({ jobId, signed, domain }: SignatureJob) => {
  const results = signed.map((s) => verifyRecordSignature(s, domain))
  parentPort!.postMessage({ jobId, results } satisfies SignatureJobResult)
})
