/** Agents as the LRS compares them: by their inverse functional identifier (xAPI 1.0.3 Part Two §2.4.2.1). */

export type Agent = Record<string, unknown>

/** One string per agent identity (mbox, mbox_sha1sum, openid or account), or undefined when it has none. */
export function agentKey(agent: unknown): string | undefined {
  if (!agent || typeof agent !== 'object') return undefined
  const a = agent as { mbox?: unknown; mbox_sha1sum?: unknown; openid?: unknown; account?: { homePage?: unknown; name?: unknown } }
  if (typeof a.mbox === 'string') return `mbox:${a.mbox.toLowerCase()}`
  if (typeof a.mbox_sha1sum === 'string') return `sha1:${a.mbox_sha1sum.toLowerCase()}`
  if (typeof a.openid === 'string') return `openid:${a.openid}`
  if (a.account && typeof a.account.homePage === 'string' && typeof a.account.name === 'string') return `account:${a.account.homePage} ${a.account.name}`
  return undefined
}

/** JSON with object keys sorted, so that two equal documents give one text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
