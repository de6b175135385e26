// Rightflow web app: verify a file's birth certificate. Plain ES module, no build step, no dependencies.
// Every string from the API reaches the page through textContent or setAttribute, never innerHTML.

import { checkRecord, keccak256, sha256Hex, toHex } from './checks.js'
import { licenseView, loadLicense, notLicensed } from './rights.js'
import { $, bytes, certificate, h, lineageView, noRecord, short } from './view.js'

// Re-exported for the browser test, which checks keccak256 against viem from the page.
export { keccak256, toHex }

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

// ── Flow ──────────────────────────────────────────────────────────────────────────────────────────
// rights: the License contracts from /health, null when this chain has none; titles: record id → lineage node.
const state = {
  caip2: undefined,
  rights: undefined,
  health: undefined,
  titles: new Map(),
  lastFileView: undefined,
  run: 0,
}

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
  // What verifies first; within a verdict the server's order, which is earliest claim first (anchor time, block,
  // the anchoring event in the block, then the leaf within one batch: the order received, which the chain does
  // not record). Sorting is stable, so ties keep that order; re-sorting by record id would let a stranger who
  // ground a low id into the same batch pass for the earliest claim.
  results.sort((a, b) => rank[a.verdict] - rank[b.verdict])
  // The certificate names the chain, which /health tells us: a page opened from a link must wait for it.
  await state.health
  if (run !== state.run) return
  const [best, ...others] = results
  if (best) show(certificate(best, { caip2: state.caip2, file, fileHash, others }), ...slots())
  else show(noRecord(file, fileHash))
  reveal()
  if (best) await showDetails(best.entry.id, run)
}

async function showRecord(id) {
  const run = ++state.run
  busy('Loading the record…')
  const entry = await api(`/v1/records/${id}`)
  const result = await checkRecord(entry)
  await state.health
  if (run !== state.run) return
  show(certificate(result, { caip2: state.caip2, others: [] }), ...slots())
  reveal()
  await showDetails(id, run)
}

const slots = () => [h('div', { class: 'license-slot' }), h('div', { class: 'lineage-slot' })]
const showDetails = (id, run) => Promise.all([showLicense(id, run), showLineage(id, run)])

async function showLicense(id, run) {
  await state.health
  if (!state.rights) return // no License contracts on this chain: nothing to say either way
  const view = await loadLicense(api, id).then(
    (license) => (license ? licenseView(license) : notLicensed()),
    (error) => h('p', { class: 'not-licensed muted small' }, `Could not read the license: ${error.message}`),
  )
  if (run !== state.run) return
  $('.license-slot')?.replaceChildren(view)
  nameParents()
}

async function showLineage(id, run) {
  const lineage = await api(`/v1/records/${id}/lineage?depth=8`)
  if (run !== state.run) return
  $('.lineage-slot')?.replaceChildren(lineageView(lineage))
  for (const node of lineage.ancestors.next) state.titles.set(node.id, node)
  nameParents()
}

/** The certificate and the license name parents by id; the lineage knows their titles. */
function nameParents() {
  for (const link of document.querySelectorAll('.parents a[data-id]')) {
    const node = state.titles.get(link.dataset.id)
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
    state.rights = health.chain.rights
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
  state.health = refreshHealth()
  setInterval(refreshHealth, 15_000)
  route()
}
