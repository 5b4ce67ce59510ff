/** Text in XML and HTML: markup characters escaped, and characters XML 1.0 cannot hold (§2.2) dropped. */
// eslint-disable-next-line no-control-regex
const invalid = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

export function escapeXml(text: string): string {
  return text.replace(invalid, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
