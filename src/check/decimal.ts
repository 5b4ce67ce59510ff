/**
 * Exact decimals for comparing passing scores: `0.7` (scaled, in a descriptor) against
 * `70` (percent, in the runtime data) without floating-point rounding.
 */

export interface Decimal {
  /** value = units / 10^scale */
  units: bigint
  scale: number
}

/** Parse decimal text (`70`, `0.7`, `-.5`, `+1.0`); undefined when it is not a plain decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) return undefined
  const [, sign = '', whole = '', fraction = ''] = match
  if (whole === '' && fraction === '') return undefined
  const units = BigInt(`${whole}${fraction}` || '0')
  return { units: sign === '-' ? -units : units, scale: fraction.length }
}

/** A JSON number as an exact decimal (its shortest round-trip text). */
export function decimalOf(value: number): Decimal | undefined {
  if (!Number.isFinite(value)) return undefined
  const text = String(value)
  return parseDecimal(text.includes('e') ? value.toFixed(20) : text)
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale)
}

/** -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale)
  const x = rescale(a, scale)
  const y = rescale(b, scale)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Divide by 10^places exactly (percent → scaled is `shift(d, 2)`). */
export function shift(d: Decimal, places: number): Decimal {
  return { units: d.units, scale: d.scale + places }
}

/** Canonical text: no trailing fraction zeros, `0.7`, `1`, `-0.25`. */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0')
  const whole = digits.slice(0, digits.length - d.scale)
  const fraction = digits.slice(digits.length - d.scale).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/** True when lo ≤ d ≤ hi. */
export function within(d: Decimal, lo: number, hi: number): boolean {
  const low = decimalOf(lo)
  const high = decimalOf(hi)
  return low !== undefined && high !== undefined && compareDecimal(d, low) >= 0 && compareDecimal(d, high) <= 0
}
