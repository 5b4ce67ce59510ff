/** The player's strings (templates/locales/*.json): every language has every string, with the same placeholders. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { templatesDir } from '../src/paths.js'

const dir = path.join(templatesDir, 'locales')
const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, string>
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const english = read('en.json')

describe('player strings', () => {
  test('six languages', () => {
    expect(readdirSync(dir).sort()).toEqual(['ar.json', 'en.json', 'es.json', 'fr.json', 'ru.json', 'zh.json'])
  })

  test.each(readdirSync(dir).filter((name) => name !== 'en.json'))('%s has the keys of en.json, each non-empty, with the same placeholders', (name) => {
    const strings = read(name)
    expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort())
    for (const [key, text] of Object.entries(english)) {
      expect(strings[key]?.trim(), `${name} ${key}`).not.toBe('')
      expect(placeholders(strings[key] ?? ''), `${name} ${key}`).toEqual(placeholders(text))
    }
  })
})
