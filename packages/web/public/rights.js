import { h, hexValue, recordLink, when } from './view.js'

// The License panel: what an IP asset's owner sells for each AI use, and what its revenue vault has seen.
// Amounts arrive as decimal strings in payment-token units (6 decimals, USD) and stay BigInt: never floats.

const uses = [
  ['data-mining', 'Data mining'],
  ['inference', 'Inference'],
  ['generative-training', 'Generative training'],
  ['training', 'Training'],
]
const kinds = { work: 'Work', dataset: 'Dataset', model: 'Model', agent: 'Agent' }

/** Payment-token units as dollars: "$2.50", "$0.0001", "$1,200.00"; cents always, sub-cent digits when set. */
export function usd(units) {
  if (!/^\d+$/.test(String(units))) return '—'
  const n = BigInt(units)
  const whole = (n / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = (n % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0')
  return `$${whole}.${fraction}`
}

/** Basis points as a percentage: 1000 → "10%", 250 → "2.5%". */
export const percent = (bps) => `${Number((bps / 100).toFixed(2))}%`

/** Active, retired or expired; `now` in milliseconds, so a test can pin it. */
export function termsStatus({ retired, terms }, now = Date.now()) {
  if (retired) return { active: false, text: 'Retired' }
  if (terms.expiresAt && terms.expiresAt * 1000 <= now)
    return { active: false, text: `Expired ${when(terms.expiresAt)}` }
  return { active: true, text: terms.expiresAt ? `Active until ${when(terms.expiresAt)}` : 'Active' }
}

/**
 * The asset and its vault's totals, or undefined when the record is not an IP asset (the API answers 404).
 * The totals are the vault's; the account only decides whose share and claim come with them.
 */
export async function loadLicense(api, assetId) {
  const asset = await api(`/v1/assets/${assetId}`).catch((error) => {
    if (error.status === 404) return undefined
    throw error
  })
  if (!asset) return undefined
  const royalties = await api(`/v1/assets/${assetId}/royalties?account=${asset.owner}`).catch(() => undefined)
  return { asset, royalties }
}

export function notLicensed() {
  return h(
    'p',
    { class: 'not-licensed muted small' },
    'Not licensed on chain: anyone may use these bytes as the record’s creator permits.',
  )
}

export function licenseView({ asset, royalties }, now = Date.now()) {
  const sets = asset.terms.map((set) => ({ ...set, status: termsStatus(set, now) }))
  const onSale = sets.filter((set) => set.status.active)
  const earlier = sets.filter((set) => !set.status.active)
  const owed = (i) => royalties?.parents[i]?.bps
  return h(
    'section',
    { class: 'card license', 'aria-labelledby': 'license-title' },
    h(
      'header',
      { class: 'license-head' },
      h('span', { class: 'eyebrow' }, 'IP asset'),
      h('h2', { id: 'license-title' }, 'License'),
      h(
        'p',
        { class: 'muted small' },
        'This record is an IP asset on chain: AI uses are licensed under the terms below, and what it earns goes to its revenue vault.',
      ),
    ),
    h(
      'dl',
      { class: 'fields' },
      h('dt', {}, 'Kind'),
      h('dd', {}, h('span', { class: 'chip kind' }, kinds[asset.kind] ?? asset.kind)),
      h('dt', {}, 'Owner'),
      h('dd', {}, hexValue(asset.owner, 'owner address')),
      h('dt', {}, 'Asset since'),
      h('dd', {}, when(asset.createdAt)),
      asset.parents.length > 0 && [
        h('dt', {}, 'Derived from'),
        h(
          'dd',
          {},
          h(
            'ul',
            { class: 'parents license-parents' },
            asset.parents.map((id, i) =>
              h(
                'li',
                {},
                recordLink(id),
                owed(i) !== undefined && h('span', { class: 'muted small' }, ` · owed ${percent(owed(i))}`),
              ),
            ),
          ),
        ),
      ],
    ),
    h(
      'div',
      { class: 'license-body' },
      h('h3', {}, 'Terms on sale'),
      onSale.length > 0
        ? termsTable(onSale, 'AI uses and prices under the terms on sale')
        : h(
            'p',
            { class: 'muted small' },
            sets.length ? 'No terms on sale now.' : 'No terms published yet: no AI use can be licensed.',
          ),
      earlier.length > 0 &&
        h(
          'details',
          { class: 'earlier' },
          h(
            'summary',
            {},
            `${earlier.length} earlier terms set${earlier.length === 1 ? '' : 's'}, no longer on sale`,
          ),
          h(
            'p',
            { class: 'muted small' },
            'Licenses sold under retired terms stay valid until those terms expire.',
          ),
          termsTable(earlier, 'AI uses and prices under earlier terms'),
        ),
      vaultView(asset, royalties),
    ),
  )
}

function termsTable(sets, caption) {
  const row = (label, cell, attributes = {}) =>
    h('tr', attributes, h('th', { scope: 'row' }, label), sets.map(cell))
  const yes = (value, on = 'Yes', off = 'No') => h('td', { class: value ? 'yes' : 'no' }, value ? on : off)
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'terms' },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'AI use'),
          sets.map((set) => h('th', { scope: 'col', 'data-terms': set.termsId }, `Terms ${set.termsId}`)),
        ),
      ),
      h(
        'tbody',
        {},
        uses.map(([use, label]) => row(label, (set) => priceCell(set.terms.uses[use]), { 'data-use': use })),
      ),
      h(
        'tbody',
        { class: 'terms-facts' },
        row('Status', (set) =>
          h('td', { class: set.status.active ? 'active' : 'inactive' }, set.status.text),
        ),
        row('Licenses sold', (set) => h('td', { class: 'sold' }, `${set.sold} sold`)),
        row('Derivatives', (set) =>
          set.terms.derivativesAllowed
            ? h('td', {}, `${percent(set.terms.derivativeRevenueShareBps)} of their revenue`)
            : h('td', { class: 'no' }, 'Not allowed'),
        ),
        row('Commercial use', (set) => yes(set.terms.commercialUse, 'Allowed', 'Not allowed')),
        row('Attribution', (set) => yes(set.terms.attributionRequired, 'Required', 'Not required')),
        row('Transferable', (set) => yes(set.terms.transferable)),
      ),
    ),
  )
}

function priceCell(terms) {
  if (!terms?.allowed) return h('td', { class: 'price no' }, 'not allowed')
  if (String(terms.price) === '0') return h('td', { class: 'price free' }, 'free')
  return h('td', { class: 'price' }, usd(terms.price))
}

function vaultView(asset, royalties) {
  const stat = (label, value, key) =>
    h('div', { class: 'vault-stat', 'data-stat': key }, h('dt', {}, label), h('dd', {}, value))
  if (!royalties)
    return h(
      'section',
      { class: 'vault' },
      h('h3', {}, 'Revenue vault'),
      hexValue(asset.vault, 'vault address'),
      h('p', { class: 'muted small' }, 'Its totals could not be read just now.'),
    )
  const total = BigInt(royalties.totalShares)
  const held = total > 0n ? Number((BigInt(royalties.shares) * 10_000n) / total) : 0
  return h(
    'section',
    { class: 'vault' },
    h('h3', {}, 'Revenue vault'),
    hexValue(royalties.vault, 'vault address'),
    h(
      'dl',
      { class: 'vault-stats' },
      stat('Received', usd(royalties.received), 'received'),
      stat('Claimed', usd(royalties.claimed), 'claimed'),
      stat('Paid to parents', usd(royalties.paidToAncestors), 'paid-to-ancestors'),
      royalties.pendingAncestors !== '0' &&
        stat('Set aside for parents', usd(royalties.pendingAncestors), 'pending-ancestors'),
    ),
    h(
      'p',
      { class: 'muted small' },
      `The owner holds ${percent(held)} of the revenue shares and can claim ${usd(royalties.claimable)} now.`,
    ),
  )
}
