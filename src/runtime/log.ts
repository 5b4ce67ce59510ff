/** Console logging of LMS problems, prefixed so that they are easy to find. */
export function logProblem(message: string): void {
  if (typeof console !== 'undefined') console.warn(`[coursepack] ${message}`)
}
