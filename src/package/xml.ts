/** One XML builder configuration for every descriptor (manifests, tincan.xml, cmi5.xml). */
import { XMLBuilder } from 'fast-xml-parser'
import { formatHundredths, formatScaledHundredths, percentToHundredths } from '../shared/scoring.js'

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

/**
 * A passing percentage as a scaled score: 70 → "0.7", 72.5 → "0.725", 33.33 → "0.3333",
 * 100 → "1". Exact (from hundredths, never through floating-point division), and never in
 * exponent notation, which xs:decimal does not allow.
 */
export function scaledPassing(percent: number): string {
  return formatScaledHundredths(percentToHundredths(percent))
}

/** A passing percentage as SCORM 1.2 writes it (`adlcp:masteryscore`, 0–100): 33.33 → "33.33". */
export function percentPassing(percent: number): string {
  return formatHundredths(percentToHundredths(percent))
}
