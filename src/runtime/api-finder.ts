/**
 * LMS API discovery (SCORM 1.2 RTE 3.3.6.1; SCORM 2004 RTE 3.1.3.1): walk
 * `window.parent` from this window, then `window.opener` and its parents. Every access
 * is guarded, because a cross-origin frame throws a SecurityError.
 * Spec note: ADL's 1.2 sample gives up after 7 hops; we use 2004's 500 for both
 * (STANDARDS.md §2.1), which finds the API in deep LMS frame sets too.
 */
const maxHops = 500

function walk<T>(start: Window | null | undefined, name: string): T | undefined {
  let win = start
  for (let hops = 0; win && hops <= maxHops; hops++) {
    try {
      const api = (win as unknown as Record<string, unknown>)[name]
      if (api && typeof api === 'object') return api as T
    } catch {
      // A cross-origin ancestor: its API is out of reach; keep climbing if we can.
    }
    let parent: Window | null = null
    try {
      parent = win.parent
    } catch {
      return undefined
    }
    if (!parent || parent === win) return undefined
    win = parent
  }
  return undefined
}

/** Find the LMS API object by name (`API` or `API_1484_11`). */
export function findApi<T>(name: string, from: Window = window): T | undefined {
  const found = walk<T>(from, name)
  if (found) return found
  let opener: Window | null = null
  try {
    opener = from.top?.opener ?? from.opener
  } catch {
    opener = null
  }
  return walk<T>(opener, name)
}
