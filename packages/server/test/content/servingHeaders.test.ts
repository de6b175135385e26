import { describe, expect, it } from 'vitest'
import { mediaTypeEssence, passiveMediaTypes, userBytesHeaders } from '../../src/content/servingHeaders.js'

describe('userBytesHeaders: the declared media type is never trusted to be passive', () => {
  it('serves every passive type inline as itself, with nosniff and a sandbox CSP', () => {
    for (const type of passiveMediaTypes) {
      const headers = userBytesHeaders(type)
      expect(headers['content-type']).toBe(type === 'text/plain' ? 'text/plain; charset=utf-8' : type)
      expect(headers['content-disposition']).toBe('inline')
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/)
    }
  })

  it('active content from our origin: any other type is an octet-stream attachment', () => {
    for (const type of [
      'text/html',
      'image/svg+xml',
      'text/xml',
      'application/javascript',
      'application/pdf',
      'text/css',
    ])
      expect(userBytesHeaders(type)).toMatchObject({
        'content-type': 'application/octet-stream',
        'content-disposition': 'attachment',
        'rightflow-media-type': type,
      })
  })

  it('reads parameters and case as the browser would, and drops what is not a media type', () => {
    expect(mediaTypeEssence('Image/PNG; q=1')).toBe('image/png')
    expect(userBytesHeaders('TEXT/HTML; charset=utf-8')['content-type']).toBe('application/octet-stream')
    // A type smuggling a header (a record registered on chain is not checked by our API) is no type at all.
    const smuggled = userBytesHeaders('image/png\r\nset-cookie: a=b')
    expect(smuggled['content-type']).toBe('application/octet-stream')
    expect(smuggled['rightflow-media-type']).toBeUndefined()
    expect(userBytesHeaders('')['content-disposition']).toBe('attachment')
  })
})
