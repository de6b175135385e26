import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { RegistryDomain, SignedRecord, VerifyRecordSignatureReturnType } from '@rightflow/sdk'
import { verifyRecordSignature } from '@rightflow/sdk'

export type SignatureJob = { jobId: number; signed: SignedRecord[]; domain: RegistryDomain }
export type SignatureJobResult = { jobId: number; results: VerifyRecordSignatureReturnType[] }

/** Below this many records a batch is checked on the calling thread: a round trip costs more than it saves. */
const inlineBelow = 64

/**
 * Checks record signatures on worker threads so the event loop keeps serving HTTP and writing SQLite while
 * libsecp256k1 recovers keys (a third of the ingest cost per record when done inline).
 */
export class SignatureVerifier {
  private readonly workers: Worker[] = []
  private readonly pending = new Map<
    number,
    { worker: Worker; job: SignatureJob; resolve: (results: VerifyRecordSignatureReturnType[]) => void }
  >()
  private nextJob = 0
  private nextWorker = 0

  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  async verify(signed: SignedRecord[], domain: RegistryDomain): Promise<VerifyRecordSignatureReturnType[]> {
    if (signed.length < inlineBelow || this.size === 0)
      return signed.map((s) => verifyRecordSignature(s, domain))
    const chunk = Math.ceil(signed.length / this.size)
    const parts: Promise<VerifyRecordSignatureReturnType[]>[] = []
    const plain = signed.map(({ record, signature }) => ({ record, signature }))
    for (let i = 0; i < plain.length; i += chunk) parts.push(this.run(plain.slice(i, i + chunk), domain))
    return (await Promise.all(parts)).flat()
  }

  private run(signed: SignedRecord[], domain: RegistryDomain): Promise<VerifyRecordSignatureReturnType[]> {
    const worker = this.worker()
    const jobId = this.nextJob++
    const job: SignatureJob = { jobId, signed, domain }
    return new Promise((resolve) => {
      this.pending.set(jobId, { worker, job, resolve })
      worker.postMessage(job)
    })
  }

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(new URL('./signatureWorker.mjs', import.meta.url))
      worker.on('message', ({ jobId, results }: SignatureJobResult) => {
        this.pending.get(jobId)?.resolve(results)
        this.pending.delete(jobId)
      })
      worker.on('error', (error) => console.error('[rightflow] signature worker failed', error))
      worker.on('exit', () => this.retire(worker))
      worker.unref()
      this.workers.push(worker)
      return worker
    }
    return this.workers[this.nextWorker++ % this.workers.length]!
  }

  /** A worker that died leaves no request hanging: its jobs are checked on this thread instead. */
  private retire(worker: Worker): void {
    const index = this.workers.indexOf(worker)
    if (index >= 0) this.workers.splice(index, 1)
    for (const [jobId, { worker: owner, job, resolve }] of this.pending)
      if (owner === worker) {
        this.pending.delete(jobId)
        resolve(job.signed.map((s) => verifyRecordSignature(s, job.domain)))
      }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
    this.workers.length = 0
  }
}
