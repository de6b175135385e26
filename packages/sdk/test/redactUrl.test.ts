import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { ChainUnavailableError, redactUrl, redactUrlsInText } from '../src/index.js'

// Shapes of real provider URLs (keys made up): where each provider puts its credential.
const alchemy = 'https://eth-mainnet.g.alchemy.com/v2/Xy12abcDEF34ghIJ56klMN78opQR90st'
const infura = 'https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef'
const quicknode = 'https://bold-lively-pond.quiknode.pro/9f2c4a7e1b3d5f6a8c0e2b4d6f8a1c3e5b7d9f0a/'
const getblock = 'wss://go.getblock.io/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'

describe('redactUrl: credentials never shown', () => {
  it('hides user and password', () => {
    expect(redactUrl('https://alice:s3cret@rpc.example:8545/')).toBe('https://***@rpc.example:8545/')
    expect(redactUrl('https://tokenonly@rpc.example/')).toBe('https://***@rpc.example/')
  })

  it('hides every query value and a bare query token, keeping the names', () => {
    expect(redactUrl('https://rpc.example/?apikey=abc&network=base')).toBe(
      'https://rpc.example/?apikey=***&network=***',
    )
    expect(redactUrl('https://rpc.example/rpc?k3yWithoutName')).toBe('https://rpc.example/rpc?***')
  })

  it('hides key-like path segments of the providers that put the key in the path', () => {
    expect(redactUrl(alchemy)).toBe('https://eth-mainnet.g.alchemy.com/v2/***')
    expect(redactUrl(infura)).toBe('https://mainnet.infura.io/v3/***')
    expect(redactUrl(quicknode)).toBe('https://bold-lively-pond.quiknode.pro/***/')
    expect(redactUrl(getblock)).toBe('wss://go.getblock.io/***')
  })

  it('keeps what names the endpoint: scheme, host, port and word-like segments', () => {
    expect(redactUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545')
    expect(redactUrl('http://127.0.0.1:8545/')).toBe('http://127.0.0.1:8545/')
    expect(redactUrl('https://arb.example/arbitrum-mainnet/v2/rpc')).toBe(
      'https://arb.example/arbitrum-mainnet/v2/rpc',
    )
    // 16 characters but only lower-case letters and dashes: a word, not a key.
    expect(redactUrl('https://x.example/polygon-zkevm-xy')).toBe('https://x.example/polygon-zkevm-xy')
  })

  it('keeps addresses and hashes written as on chain: public ids, not keys', () => {
    const hash = `0x${'ab12'.repeat(16)}`
    expect(redactUrl(`http://127.0.0.1:8645/v1/paid/content/${hash}?use=inference`)).toBe(
      `http://127.0.0.1:8645/v1/paid/content/${hash}?use=***`,
    )
    // Without 0x, or of another length, the same digits may be a key.
    expect(redactUrl(`https://rpc.example/${'ab12'.repeat(10)}`)).toBe('https://rpc.example/***')
    expect(redactUrl(`https://rpc.example/0x${'ab12'.repeat(8)}`)).toBe('https://rpc.example/***')
  })

  it('hides a fragment and anything that does not parse as a URL', () => {
    expect(redactUrl('https://rpc.example/#token')).toBe('https://rpc.example/#***')
    expect(redactUrl('htps//me:secret@rpc')).toBe('[unparseable URL]')
  })
})

describe('redactUrlsInText: URLs inside messages', () => {
  it('redacts every URL in a text and leaves the rest as it is', () => {
    const text = `HTTP request failed.\nURL: ${infura}\nthen https://u:p@h.example/?key=v. Done`
    const redacted = redactUrlsInText(text)
    expect(redacted).toBe(
      'HTTP request failed.\nURL: https://mainnet.infura.io/v3/***\nthen https://***@h.example/?key=***. Done',
    )
  })

  it('leaves text without URLs alone', () => {
    expect(redactUrlsInText('No route GET /v1/x?y=1.')).toBe('No route GET /v1/x?y=1.')
  })
})

describe('ChainUnavailableError: the RPC key leaks through a viem error', () => {
  it('names the chain and its failure without the key in the URL or the cause', () => {
    const url = 'https://me:pw@eth-mainnet.g.alchemy.com/v2/Xy12abcDEF34ghIJ56klMN78opQR90st?apikey=QQQ'
    const cause = new HttpRequestError({ url, details: `fetch to ${url} failed` })
    const error = new ChainUnavailableError(url, cause)
    const shown = `${error.shortMessage}\n${error.details}\n${error.message}`
    for (const secret of ['me:pw', 'Xy12abcDEF34ghIJ56klMN78opQR90st', 'QQQ'])
      expect(shown).not.toContain(secret)
    expect(error.shortMessage).toBe(
      'The chain at https://***@eth-mainnet.g.alchemy.com/v2/***?apikey=*** is not reachable.',
    )
  })
})
