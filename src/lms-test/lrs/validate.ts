/**
 * Statement validation with Learning Locker's own validator (@learninglocker/xapi-validation,
 * the rules of xAPI 1.0.3 Part Two §2), so that the embedded LRS refuses what a real LRS refuses.
 */
import validate from '@learninglocker/xapi-validation'

interface Warning {
  path: string[]
  constructor: { name: string }
  typeName?: string
  data?: unknown
}

/** The validator's reasons, one line each (`statement.result.score.raw: RawMoreThanMaxWarning, got 120`); empty when valid. */
export function validateStatement(statement: unknown): string[] {
  const loaded = validate as unknown as { default?: unknown }
  const run = (typeof loaded === 'function' ? loaded : loaded.default) as (data: unknown) => Warning[]
  return run(statement).map((warning) => {
    const where = warning.path.join('.')
    const expected = warning.typeName ? ` (expected ${warning.typeName})` : ''
    let got: string
    try {
      got = JSON.stringify(warning.data) ?? 'undefined'
    } catch {
      got = String(warning.data)
    }
    return `${where}: ${warning.constructor.name}${expected}, got ${got.length > 120 ? `${got.slice(0, 117)}...` : got}`
  })
}
