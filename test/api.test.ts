import { expect, test } from 'vitest'
import * as api from '../src/index.js'

test('the public API is exactly these names', () => {
  expect(Object.keys(api).sort()).toEqual(['build', 'checkCourse', 'checkPackage', 'packageCourse', 'scaffold', 'startPreview', 'targetNames'])
})
