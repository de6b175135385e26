// Rightflow web app: verify a file's birth certificate. Plain ES module, no build step, no dependencies.
// Every string from the API reaches the page through textContent or setAttribute, never innerHTML.

// ── Checks that run in the browser ────────────────────────────────────────────────────────────────
// keccak256 over 64-bit BigInt lanes: slow (about 0.1 ms a block) but short enough to audit, and the
// page hashes a few hundred bytes per record. The test pins it to viem's keccak256.
const mask64 = (1n << 64n) - 1n
const rotations = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
].map(BigInt)
const roundConstants = []
for (let round = 0, r = 1; round < 24; round++) {
  let constant = 0n
  for (let j = 0; j < 7; j++) {
    r = ((r << 1) ^ ((r >> 7) * 0x71)) & 0xff
    if (r & 2) constant ^= 1n << ((1n << BigInt(j)) - 1n)
  }
  roundConstants.push(constant)
}
const rotl = (x, n) => (n === 0n ? x : ((x << n) | (x >> (64n - n))) & mask64)

function keccakF(a) {
  const b = new Array(25)
  for (const rc of roundConstants) {
    const c = [0, 1, 2, 3, 4].map((x) => a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20])
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1n)
      for (let y = 0; y < 25; y += 5) a[x + y] ^= d
    }
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], rotations[x + 5 * y])
    for (let y = 0; y < 25; y += 5)
      for (let x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & b[((x + 2) % 5) + y])
    a[0] ^= rc
  }
}

/** keccak256 (Ethereum's, not SHA3-256) of bytes, as bytes. */
export function keccak256(bytes) {
  const rate = 136
  const padded = new Uint8Array((Math.floor(bytes.length / rate) + 1) * rate)
  padded.set(bytes)
  padded[bytes.length] ^= 0x01
  padded[padded.length - 1] ^= 0x80
  const state = new Array(25).fill(0n)
  const view = new DataView(padded.buffer)
  for (let offset = 0; offset < padded.length; offset += rate) {
    for (let i = 0; i < rate / 8; i++) state[i] ^= view.getBigUint64(offset + 8 * i, true)
    keccakF(state)
  }
  const out = new DataView(new ArrayBuffer(32))
  for (let i = 0; i < 4; i++) out.setBigUint64(8 * i, state[i], true)
  return new Uint8Array(out.buffer)
}

export const toHex = (bytes) => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
// Anything that is not 0x-hex becomes no bytes, which every length check below rejects.
const fromHex = (hex) =>
  /^0x(?:[0-9a-fA-F]{2})*$/.test(hex)
    ? Uint8Array.from(hex.slice(2).match(/../g) ?? [], (b) => Number.parseInt(b, 16))
    : new Uint8Array()
const utf8 = (text) => new TextEncoder().encode(text)
const zeroHash = `0x${'0'.repeat(64)}`
const origins = ['human', 'ai', 'ai-assisted', 'composite']
const recordType =
  'Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)'

/** The record id: its EIP-712 struct hash, as the SDK and the registry contract compute it. */
export function recordIdOf(record) {
  const words = [
    keccak256(utf8(recordType)),
    fromHex(record.creator).length === 20
      ? new Uint8Array([...new Uint8Array(12), ...fromHex(record.creator)])
      : null,
    fromHex(record.contentHash),
    uint256(record.size),
    keccak256(utf8(record.mediaType)),
    uint256(origins.indexOf(record.origin)),
    keccak256(utf8(record.model)),
    keccak256(new Uint8Array(record.parents.flatMap((p) => [...fromHex(p)]))),
    fromHex(record.metadataHash),
    uint256(record.createdAt),
  ]
  if (words.some((w) => w?.length !== 32)) return undefined
  const encoded = new Uint8Array(32 * words.length)
  for (const [i, w] of words.entries()) encoded.set(w, 32 * i)
  return toHex(keccak256(encoded))
}

function uint256(value) {
  if (!Number.isSafeInteger(value) || value < 0) return null
  const word = new DataView(new ArrayBuffer(32))
  word.setBigUint64(24, BigInt(value))
  return new Uint8Array(word.buffer)
}

/** RFC 8785: ECMAScript serialization of primitives, object keys sorted by UTF-16 code units. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export async function sha256Hex(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
}

async function metadataHashOf(metadata) {
  if (!metadata || Object.keys(metadata).length === 0) return zeroHash
  return sha256Hex(utf8(canonicalJson(metadata)))
}

/** OpenZeppelin's MerkleProof.verify: hash sorted pairs up from the leaf, compare with the root. */
export function verifyMerkleProof(leaf, proof, root) {
  let node = fromHex(leaf)
  for (const siblingHex of proof) {
    const sibling = fromHex(siblingHex)
    if (sibling.length !== 32) return false
    const [lo, hi] = toHex(node) <= siblingHex.toLowerCase() ? [node, sibling] : [sibling, node]
    node = keccak256(new Uint8Array([...lo, ...hi]))
  }
  return toHex(node) === root.toLowerCase()
}

/** What the browser can check of one record without a chain connection, and the verdict it supports. */
async function checkRecord(entry, fileHash) {
  const checks = []
  const add = (ok, text, key) => checks.push({ ok, text, key })
  const record = entry.record
  if (fileHash)
    add(record.contentHash === fileHash, 'The SHA-256 of your file is the content hash the creator signed.')
  add(
    recordIdOf(record) === entry.id,
    'The record id is the keccak256 (EIP-712) hash of exactly these fields.',
  )
  if (entry.metadata)
    add(
      (await metadataHashOf(entry.metadata)) === record.metadataHash,
      'The title and metadata are the ones the record commits to.',
      'metadata',
    )
  if (entry.batch)
    add(
      verifyMerkleProof(entry.id, entry.batch.proof, entry.batch.root),
      `The Merkle proof (${entry.batch.proof.length} step${entry.batch.proof.length === 1 ? '' : 's'}) places the record under its batch root.`,
    )
  const verdict = checks.some((c) => !c.ok) ? 'invalid' : entry.status === 'anchored' ? 'verified' : 'pending'
  return { entry, checks, verdict }
}

// ── API ───────────────────────────────────────────────────────────────────────────────────────────
async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } })
  const body = await response.json().catch(() => undefined)
  if (!response.ok && !(path === '/health' && body)) {
    const message = body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`
    throw Object.assign(new Error(message), { status: response.status })
  }
  return body
}

// ── DOM ───────────────────────────────────────────────────────────────────────────────────────────
/** Builds an element; strings become text nodes, so API data can never become markup. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat())
    if (child != null && child !== false) element.append(child instanceof Node ? child : String(child))
  return element
}

const $ = (selector) => document.querySelector(selector)
const short = (hex) => (hex ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : '')
const when = (seconds) =>
  new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const bytes = (n) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`
const originLabel = {
  human: 'Human-made',
  ai: 'AI-generated',
  'ai-assisted': 'AI-assisted',
  composite: 'Composite',
}
const verdicts = {
  verified: { label: 'Verified on chain', icon: '✓' },
  pending: { label: 'Pending anchoring', icon: '◷' },
  invalid: { label: 'Does not add up', icon: '!' },
  none: { label: 'No record', icon: '?' },
}

function hexValue(hex, label) {
  const copy = async (event) => {
    const button = event.currentTarget
    await navigator.clipboard.writeText(hex).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Copy failed'),
    )
    setTimeout(() => (button.textContent = 'Copy'), 1500)
  }
  return h(
    'span',
    { class: 'hex' },
    h('code', {}, hex),
    navigator.clipboard &&
      h('button', { class: 'copy', type: 'button', 'aria-label': `Copy ${label}`, onclick: copy }, 'Copy'),
  )
}

function recordLink(id, text) {
  return h('a', { class: 'record-link', href: `#record=${id}`, 'data-id': id }, text ?? short(id))
}

function originChip(origin, model) {
  return h(
    'span',
    { class: `chip origin-${origins.includes(origin) ? origin : 'unknown'}` },
    originLabel[origin] ?? origin,
    model ? ` · ${model}` : '',
  )
}

function badge(verdict) {
  const { label, icon } = verdicts[verdict]
  return h(
    'span',
    { class: `badge badge-${verdict}` },
    h('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon),
    label,
  )
}

function field(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)]
}

function certificate({ entry, checks, verdict }, { file, fileHash, others }) {
  const r = entry.record
  const title = typeof entry.metadata?.title === 'string' ? entry.metadata.title : undefined
  const sub = (label, ...value) =>
    h('div', { class: 'sub' }, h('span', { class: 'sub-label' }, label), ...value)
  const anchoring = entry.chain
    ? [
        entry.batch
          ? sub('Batch root', hexValue(entry.batch.root, 'batch root'))
          : sub('Mode', 'Registered directly, one transaction'),
        sub('Transaction', hexValue(entry.chain.txHash, 'transaction hash')),
        sub('Block', `${entry.chain.blockNumber} · ${when(entry.chain.timestamp)}`),
      ]
    : h(
        'span',
        { class: 'muted' },
        entry.status === 'batched' ? 'In a batch on its way to the chain.' : 'Waiting for the next batch.',
      )
  const maker =
    {
      human: 'Made by a person',
      ai: 'Generated by AI',
      'ai-assisted': 'Made with AI assistance',
      composite: 'Composed from other works',
    }[r.origin] ?? 'Made'
  const summary = entry.chain
    ? `${maker}, signed by ${short(r.creator)}, on chain (${state.caip2 ?? 'chain'}) since ${when(entry.chain.timestamp)}.`
    : `${maker}, signed by ${short(r.creator)}; not on chain yet.`
  return h(
    'article',
    { class: `card cert cert-${verdict}`, 'aria-labelledby': 'cert-title' },
    h(
      'header',
      { class: 'cert-head' },
      h(
        'div',
        { class: 'cert-kicker' },
        badge(verdict),
        h('span', { class: 'eyebrow' }, 'Birth certificate'),
      ),
      h(
        'h2',
        { id: 'cert-title', tabindex: '-1' },
        title ?? (file ? file.name : 'Untitled work'),
        checks.some((c) => c.key === 'metadata' && !c.ok) &&
          h('span', { class: 'chip untrusted' }, 'title not signed'),
      ),
      h('p', { class: 'cert-summary' }, summary),
      h(
        'p',
        { class: 'cert-meta' },
        originChip(r.origin, r.model),
        h('span', {}, r.mediaType || 'unknown type'),
        h('span', {}, bytes(r.size)),
      ),
    ),
    h(
      'dl',
      { class: 'fields' },
      field(
        'Content hash',
        hexValue(r.contentHash, 'content hash'),
        fileHash === r.contentHash && h('span', { class: 'match' }, '✓ matches your file'),
      ),
      field('Record id', hexValue(entry.id, 'record id')),
      field('Creator', hexValue(r.creator, 'creator address')),
      field(
        'Created',
        h('span', {}, when(r.createdAt), h('span', { class: 'muted' }, ' · as the creator signed it')),
      ),
      field(
        'Made from',
        r.parents.length
          ? h(
              'ul',
              { class: 'parents' },
              r.parents.map((p) => h('li', {}, recordLink(p, p))),
            )
          : h('span', { class: 'muted' }, 'No parents: an original work'),
      ),
      field('Anchoring', anchoring),
    ),
    h(
      'section',
      { class: 'checks', 'aria-label': 'Checks done in your browser' },
      h('h3', {}, 'Checked in your browser'),
      h(
        'ul',
        {},
        checks.map((c) =>
          h(
            'li',
            { class: c.ok ? 'ok' : 'bad' },
            h('span', { 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
            h('span', { class: 'visually-hidden' }, c.ok ? 'Passed: ' : 'Failed: '),
            c.text,
          ),
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        'The creator’s signature and the batch root on chain were checked by this server against ',
        h('code', {}, state.caip2 ?? 'the chain'),
        '. To check them against the chain yourself, run ',
        h('code', {}, 'rightflow verify <file>'),
        '.',
      ),
    ),
    others.length > 0 &&
      h(
        'footer',
        { class: 'others' },
        `${others.length} more record${others.length === 1 ? '' : 's'} of the same content: `,
        others.map((o) => recordLink(o.entry.id)),
      ),
  )
}

function noRecord(file, fileHash) {
  return h(
    'article',
    { class: 'card cert cert-none', 'aria-labelledby': 'cert-title' },
    h(
      'header',
      { class: 'cert-head' },
      h('div', { class: 'cert-kicker' }, badge('none')),
      h('h2', { id: 'cert-title', tabindex: '-1' }, file ? file.name : 'Unknown content'),
    ),
    h(
      'dl',
      { class: 'fields' },
      field('Content hash', hexValue(fileHash, 'content hash')),
      file && field('Size', bytes(file.size)),
    ),
    h(
      'p',
      { class: 'explain' },
      'Nobody registered a birth certificate for these exact bytes here. Either the file was never registered, or it changed since: one changed byte changes the fingerprint. Treat its origin as unknown.',
    ),
    h(
      'p',
      { class: 'explain muted small' },
      'Made it yourself? Register it with ',
      h('code', {}, 'rightflow register <file>'),
      '.',
    ),
  )
}

// ── Lineage: ancestors grow upward, descendants downward, from the record in the middle ──────────
function lineageBranch(nodes) {
  return h(
    'ul',
    {},
    nodes.map((node) =>
      h(
        'li',
        {},
        lineageNode(node),
        node.next.length > 0 && lineageBranch(node.next),
        node.truncated && h('ul', {}, h('li', {}, h('span', { class: 'node more' }, 'more…'))),
      ),
    ),
  )
}

function lineageNode(node, current = false) {
  const content = [
    h('span', { class: 'node-title' }, node.known ? (node.title ?? 'Untitled') : 'Not in this registry'),
    node.known && originChip(node.origin),
    h('code', { class: 'node-id' }, short(node.id)),
  ]
  if (current) return h('span', { class: 'node current', 'aria-current': 'true' }, ...content)
  if (!node.known) return h('span', { class: 'node unknown' }, ...content)
  return h(
    'a',
    { class: `node status-${node.status}`, href: `#record=${node.id}`, 'data-id': node.id },
    ...content,
  )
}

function lineageView(lineage) {
  const { ancestors, descendants } = lineage
  const empty = ancestors.next.length === 0 && descendants.next.length === 0
  return h(
    'section',
    { class: 'card lineage', 'aria-labelledby': 'lineage-title' },
    h('h2', { id: 'lineage-title' }, 'Lineage'),
    h(
      'p',
      { class: 'muted small' },
      empty
        ? 'No other record names this one as a parent, and it names none.'
        : 'What this work was made from sits above it; what was made from it, below. Select a work to open its certificate.',
    ),
    h(
      'div',
      { class: 'tree-scroll' },
      h(
        'div',
        { class: 'tree' },
        ancestors.next.length > 0 &&
          h('div', { class: 'branch up', 'aria-label': 'Made from' }, lineageBranch(ancestors.next)),
        !empty && h('div', { class: 'root' }, lineageNode(ancestors, true)),
        descendants.next.length > 0 &&
          h('div', { class: 'branch down', 'aria-label': 'Used in' }, lineageBranch(descendants.next)),
      ),
    ),
  )
}

// ── Flow ──────────────────────────────────────────────────────────────────────────────────────────
const state = { caip2: undefined, lastFileView: undefined, run: 0 }

function show(...nodes) {
  $('#result').replaceChildren(...nodes.filter(Boolean))
}

/** Brings a new certificate into view and moves focus to its title, so screen readers announce it. */
function reveal() {
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches
  $('#result').scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' })
  $('#cert-title')?.focus({ preventScroll: true })
}

function busy(text) {
  show(
    h(
      'div',
      { class: 'card busy', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      text,
    ),
  )
}

function failure(error) {
  show(
    h(
      'div',
      { class: 'card error', role: 'alert' },
      h('strong', {}, 'Something went wrong. '),
      error.message,
    ),
  )
}

const rank = { verified: 0, pending: 1, invalid: 2 }

async function showContent(fileHash, file) {
  const run = ++state.run
  const { items } = await api(`/v1/records?contentHash=${fileHash}`)
  const results = await Promise.all(items.map((entry) => checkRecord(entry, fileHash)))
  results.sort(
    (a, b) =>
      rank[a.verdict] - rank[b.verdict] ||
      (a.entry.chain?.timestamp ?? Infinity) - (b.entry.chain?.timestamp ?? Infinity),
  )
  if (run !== state.run) return
  const [best, ...others] = results
  if (best) show(certificate(best, { file, fileHash, others }), h('div', { class: 'lineage-slot' }))
  else show(noRecord(file, fileHash))
  reveal()
  if (best) await showLineage(best.entry.id, run)
}

async function showRecord(id) {
  const run = ++state.run
  busy('Loading the record…')
  const entry = await api(`/v1/records/${id}`)
  const result = await checkRecord(entry)
  if (run !== state.run) return
  show(certificate(result, { others: [] }), h('div', { class: 'lineage-slot' }))
  reveal()
  await showLineage(id, run)
}

async function showLineage(id, run) {
  const lineage = await api(`/v1/records/${id}/lineage?depth=8`)
  if (run !== state.run) return
  $('.lineage-slot')?.replaceChildren(lineageView(lineage))
  // The certificate names parents by id; the lineage knows their titles.
  const parents = new Map(lineage.ancestors.next.map((node) => [node.id, node]))
  for (const link of document.querySelectorAll('.parents a[data-id]')) {
    const node = parents.get(link.dataset.id)
    if (!node) continue
    const name = node.known ? (node.title ?? 'Untitled') : 'Not in this registry'
    link.replaceChildren(h('span', { class: 'parent-title' }, name), ' ', h('code', {}, short(node.id)))
  }
}

async function verifyFile(file) {
  if (!file) return
  history.replaceState(null, '', location.pathname)
  busy(`Fingerprinting ${file.name} (${bytes(file.size)}) in your browser…`)
  try {
    const fileHash = await sha256Hex(await file.arrayBuffer())
    state.lastFileView = { fileHash, file: { name: file.name, size: file.size } }
    await showContent(fileHash, state.lastFileView.file)
  } catch (error) {
    failure(error)
  }
}

async function route() {
  const match = /^#record=(0x[0-9a-fA-F]{64})$/.exec(location.hash)
  try {
    if (match) await showRecord(match[1].toLowerCase())
    else if (state.lastFileView) await showContent(state.lastFileView.fileHash, state.lastFileView.file)
    else show()
  } catch (error) {
    failure(error)
  }
}

async function lookUp(event) {
  event.preventDefault()
  const input = $('#q')
  const value = input.value.trim().toLowerCase()
  if (!/^0x[0-9a-f]{64}$/.test(value)) {
    input.setAttribute('aria-invalid', 'true')
    return failure(new Error('Paste a 0x-prefixed, 64-digit hex content hash or record id.'))
  }
  input.removeAttribute('aria-invalid')
  const asRecord = await api(`/v1/records/${value}`).then(
    () => true,
    () => false,
  )
  if (asRecord) location.hash = `record=${value}`
  else {
    state.lastFileView = { fileHash: value, file: undefined }
    history.replaceState(null, '', location.pathname)
    showContent(value).catch(failure)
  }
}

async function refreshHealth() {
  const strip = $('#network')
  try {
    const health = await api('/health')
    state.caip2 = health.chain.caip2
    const stat = (label, value) => h('div', { class: 'stat' }, h('dt', {}, label), h('dd', {}, String(value)))
    strip.replaceChildren(
      h(
        'div',
        { class: 'stat net' },
        h('dt', {}, 'Network'),
        h(
          'dd',
          {},
          h('span', { class: `dot ${health.chain.reachable ? 'up' : 'down'}`, 'aria-hidden': 'true' }),
          health.chain.caip2,
          health.chain.reachable ? '' : ' (unreachable)',
        ),
      ),
      h(
        'div',
        { class: 'stat reg' },
        h('dt', {}, 'Registry'),
        h('dd', { title: health.chain.registry }, h('code', {}, short(health.chain.registry))),
      ),
      stat('Records', health.records.records),
      stat('Anchored', health.records.anchored),
      stat('Pending', health.records.pending),
      stat('Batches', health.records.batches),
    )
  } catch {
    strip.replaceChildren(
      h(
        'div',
        { class: 'stat' },
        h('dt', {}, 'Network'),
        h('dd', {}, h('span', { class: 'dot down', 'aria-hidden': 'true' }), 'server unreachable'),
      ),
    )
  }
}

function wireDropZone() {
  const zone = $('#drop')
  const input = $('#file')
  input.addEventListener('change', () => {
    verifyFile(input.files?.[0])
    input.value = ''
  })
  // The whole window accepts a drop, so a near miss does not open the file in the tab.
  for (const type of ['dragenter', 'dragover'])
    window.addEventListener(type, (event) => {
      event.preventDefault()
      zone.classList.add('dragging')
    })
  window.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) zone.classList.remove('dragging')
  })
  window.addEventListener('drop', (event) => {
    event.preventDefault()
    zone.classList.remove('dragging')
    verifyFile(event.dataTransfer?.files?.[0])
  })
}

if (typeof document !== 'undefined' && document.querySelector('#drop')) {
  wireDropZone()
  $('#lookup').addEventListener('submit', (event) => lookUp(event).catch(failure))
  window.addEventListener('hashchange', route)
  refreshHealth()
  setInterval(refreshHealth, 15_000)
  route()
}
