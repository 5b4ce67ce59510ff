/** One XML builder configuration for every descriptor (manifests, tincan.xml, cmi5.xml). */
import { XMLBuilder } from 'fast-xml-parser'

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // `isvisible="true"` must stay an attribute with a value, not a bare boolean attribute.
  suppressBooleanAttributes: false
})

/** Serialize a descriptor object (`@name` keys are attributes) with an XML declaration. */
export function buildXml(document: Record<string, unknown>): string {
  return builder.build({ '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, ...document }) as string
}

/** A passing percentage as a scaled score: 70 → "0.7", 72.5 → "0.725", 100 → "1" (exact, from the decimal text). */
export function scaledPassing(percent: number): string {
  const [whole = '0', fraction = ''] = String(percent).split('.')
  const padded = whole.padStart(3, '0')
  const units = padded.slice(0, -2).replace(/^0+(?=\d)/, '')
  const decimals = `${padded.slice(-2)}${fraction}`.replace(/0+$/, '')
  return decimals ? `${units}.${decimals}` : units
}
