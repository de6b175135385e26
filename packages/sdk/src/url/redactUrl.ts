/**
 * What a displayed URL keeps and what it hides. RPC providers put the credential in the userinfo
 * (`https://user:pass@host`), in a query value (`?apikey=…`) or in a path segment (`/v2/<key>` at Alchemy,
 * `/v3/<key>` at Infura, `/<key>/` at QuickNode), so the rule hides all three shapes and keeps what tells an
 * operator which endpoint it is (scheme, host, port, word-like path segments, query parameter names):
 * - userinfo (user and password) becomes `***`;
 * - every query value becomes `***` (a bare `?token` too), names are kept unless they look like keys;
 * - a path segment that looks like a key becomes `***`: 16 or more characters of a token alphabet
 *   (letters, digits, `-_.~+=%`) with at least one digit or capital letter. Words such as `v2`, `rpc` or
 *   `arbitrum-mainnet` stay; hex, base62, base64url and UUID keys of the providers above are all hidden.
 *   Addresses and hashes written as on chain (`0x` and 40 or 64 hex digits, e.g. a content hash in a paid
 *   route's path) are public ids, not keys, and stay;
 * - a fragment becomes `#***`.
 * Text that is not a URL is hidden whole: it might be one with a typo, credentials included.
 */
export const redactedUrlMask = '***'

const keyLikeSegment = /^(?=.*[0-9A-Z])[A-Za-z0-9_.~+=%-]{16,}$/
const chainId = /^0x(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/
const looksLikeKey = (segment: string) => keyLikeSegment.test(segment) && !chainId.test(segment)

/**
 * A URL as it may be shown in logs, errors, health answers and banners: without its credentials.
 *
 * @example
 * redactUrl('https://me:secret@eth-mainnet.g.alchemy.com/v2/Xy12abcDEF34ghIJ56klMN?apikey=k')
 * // 'https://***@eth-mainnet.g.alchemy.com/v2/***?apikey=***'
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '[unparseable URL]'
  }
  const userinfo = parsed.username || parsed.password ? `${redactedUrlMask}@` : ''
  // `new URL` adds the root path's slash; shown as written (`http://127.0.0.1:8545`), not normalised.
  const written = String(url).replace(/[?#].*$/, '')
  const pathname = parsed.pathname === '/' && !written.endsWith('/') ? '' : parsed.pathname
  const path = pathname
    .split('/')
    .map((segment) => (looksLikeKey(segment) ? redactedUrlMask : segment))
    .join('/')
  const query = parsed.search
    ? `?${parsed.search
        .slice(1)
        .split('&')
        .map((pair) => {
          const cut = pair.indexOf('=')
          const name = cut === -1 ? '' : pair.slice(0, cut)
          return cut === -1 || looksLikeKey(name) ? redactedUrlMask : `${name}=${redactedUrlMask}`
        })
        .join('&')}`
    : ''
  const fragment = parsed.hash ? `#${redactedUrlMask}` : ''
  const authority = parsed.host ? `//${userinfo}${parsed.host}` : ''
  return `${parsed.protocol}${authority}${path}${query}${fragment}`
}

// A scheme, `://` and everything up to white space or a quote; trailing sentence punctuation is not part of it.
const urlInText = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>`]+/g
const trailingPunctuation = /[.,;:!?)\]}]+$/

/**
 * `text` with every URL in it redacted by {@link redactUrl}: for messages that may embed one, such as viem's
 * errors (`URL: https://…`) or a chain error passed on to a client.
 *
 * @example
 * redactUrlsInText('HTTP request failed.\nURL: https://rpc.example/v3/0123456789abcdef0123456789abcdef')
 * // 'HTTP request failed.\nURL: https://rpc.example/v3/***'
 */
export function redactUrlsInText(text: string): string {
  return text.replace(urlInText, (match) => {
    const tail = trailingPunctuation.exec(match)?.[0] ?? ''
    return redactUrl(match.slice(0, match.length - tail.length)) + tail
  })
}
