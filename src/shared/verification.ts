/**
 * The verification code a certificate of completion prints: the first ten hexadecimal digits
 * of the package's content hash (`CourseData.contentHash`, src/package/content-hash.ts), in
 * capitals, in two groups of five (`3F2A9-C01B7`). It names the course content the certificate
 * was earned in, the same in every target of one language and version; it says nothing about
 * the learner and is not a signature (README, "What learners see").
 */

/** The verification code of a content hash; empty when there is no hash. */
export function verificationCode(contentHash: string): string {
  const digits = contentHash.replace(/[^0-9a-f]/gi, '').slice(0, 10).toUpperCase()
  return digits.length < 10 ? '' : `${digits.slice(0, 5)}-${digits.slice(5)}`
}
