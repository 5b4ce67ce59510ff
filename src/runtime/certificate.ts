/**
 * The certificate of completion on the results page (templates/partials/certificate.hbs),
 * shown once the course is passed: the learner's name as the LMS gives it (untrusted: text
 * only), the date it is shown, the course score and the verification code of the package's
 * content (src/shared/verification.ts). Printing from the results page prints it alone, on
 * one page (coursepack.css, `@media print`).
 */
import type { CourseData } from '../shared/course-data.js'
import { formatHundredths } from '../shared/scoring.js'
import { verificationCode } from '../shared/verification.js'
import type { Translate } from './module-state.js'

const box = () => document.getElementById('cp-certificate')

/** The Print button prints the page, which prints the certificate alone while the results page shows. */
export function setupCertificate(): void {
  box()?.querySelector('.cp-print')?.addEventListener('click', () => window.print())
}

/** Today's date, in the course's language. */
function today(language: string): string {
  const now = new Date()
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10) // a language tag the browser does not know
  }
}

export interface CertificateResult {
  /** The course is passed (in review: the verdict the LMS keeps). */
  passed: boolean | undefined
  /** The course score, when known. */
  hundredths: number | undefined
  /** The learner's name from the launch (untrusted). */
  learner: string | undefined
}

/** Show the certificate when the course is passed, hide it otherwise. */
export function showCertificate(data: CourseData, t: Translate, result: CertificateResult): void {
  const certificate = box()
  if (!certificate) return
  certificate.hidden = result.passed !== true
  if (!certificate.hidden) {
    const fill = (field: string, text: string) => {
      const element = certificate.querySelector<HTMLElement>(`[data-certificate="${field}"]`)
      if (!element) return
      // textContent: the learner's name never becomes markup.
      element.textContent = text
      const row = element.parentElement?.tagName === 'DIV' ? element.parentElement : element
      row.hidden = text === ''
    }
    fill('name', result.learner?.trim() || t('certificateLearner'))
    fill('date', today(data.language))
    fill('score', result.hundredths === undefined ? '' : `${formatHundredths(result.hundredths)}%`)
    fill('code', verificationCode(data.contentHash))
  }
  syncPrint()
}

/** While the results page shows a certificate, printing prints the certificate alone. */
export function syncPrint(): void {
  const certificate = box()
  document.body.classList.toggle('cp-print-certificate', Boolean(certificate && !certificate.hidden && certificate.closest('.cp-current')))
}
