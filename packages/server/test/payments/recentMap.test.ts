import { describe, expect, it } from 'vitest'
import { RecentMap } from '../../src/payments/RecentMap.js'

describe('RecentMap: the most recently used entries, never more than its capacity', () => {
  it('drops the least recently used, where reading counts as a use', () => {
    const map = new RecentMap<string, number | undefined>(2)
    map.set('a', 1)
    map.set('b', undefined)
    expect(map.get('a')).toBe(1)
    map.set('c', 3)
    expect(map.size).toBe(2)
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true])
    // A stored undefined is still an entry: a remembered "no route here".
    map.set('d', undefined)
    expect([map.has('a'), map.has('c'), map.has('d')]).toEqual([false, true, true])
  })

  it('overwrites in place, and forgets on delete', () => {
    const map = new RecentMap<string, number>(2)
    expect(map.set('a', 1)).toBe(1)
    map.set('a', 2)
    expect(map.size).toBe(1)
    expect(map.get('a')).toBe(2)
    map.delete('a')
    expect(map.get('a')).toBeUndefined()
  })
})
