/**
 * `docebo`: Docebo Learn.
 * Source: Docebo help, "Uploading and managing SCORM as training material"
 * (help.docebo.com/hc/en-us/articles/360020128479): packages holding files with the extensions
 * HTACCESS, PHPS, PHP5, PHP4, PH3, PHP, CGI, SH, SHTML, ASP, ASPX, JSP, PY, RB, PL are refused
 * (src/model/blocked-files.ts); SCORM 1.2 and SCORM 2004 3rd Edition only, suspend_data up to
 * 4,096 characters in 1.2 and 64,000 in 2004, no sequencing. Packages play as in a conformant LMS.
 */
import { blockedReason } from '../../model/blocked-files.js'
import type { Profile } from '../types.js'

export const docebo: Profile = {
  name: 'docebo',
  description: 'Docebo: refuses packages with server-side file types (.php, .sh, .py, .htaccess, …); SCORM 1.2 and 2004 3rd Edition',
  source: 'Docebo help: Uploading and managing SCORM as training material (help.docebo.com/hc/en-us/articles/360020128479)',
  standards: ['scorm12', 'scorm2004'],
  inspect(entries, read) {
    const found: ReturnType<NonNullable<Profile['inspect']>> = entries.flatMap((entry) => {
      const reason = blockedReason(entry)
      return reason ? [{ severity: 'error' as const, ruleId: 'blocked-extension', message: `Unexpected entry \`${entry}\`, ${reason}: Docebo refuses the upload`, file: entry }] : []
    })
    const version = /<schemaversion>\s*([^<]*?)\s*</i.exec(read?.('imsmanifest.xml') ?? '')?.[1]
    if (version !== undefined && /4th/i.test(version)) {
      found.push({
        severity: 'warning',
        ruleId: 'scorm2004-edition',
        message: `Unexpected SCORM 2004 \`${version}\` for Docebo, expected 2004 3rd Edition: Docebo documents 3rd Edition only; this package uses no 4th-edition feature (one SCO, no sequencing), so it plays, but an upload check may name the edition`,
        file: 'imsmanifest.xml'
      })
    }
    return found
  }
}
