// The guard on regular expressions that patients (and so anyone) send to doctor search, shared
// with the reference HMIS. It accepts a strict subset that cannot backtrack catastrophically,
// rather than trying to recognise every dangerous expression. No imports: Node scripts import it too.

export const MAX_PATTERN_LENGTH = 80

/** Why a pattern is refused, or undefined when it is safe to run case-insensitively. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`
  try {
    new RegExp(pattern, 'iu')
  } catch {
    return 'is not a valid regular expression'
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'may not use backreferences'
  if (/\(\?<?[=!]/.test(pattern)) return 'may not use lookahead or lookbehind'
  // Each open group: does it contain a quantifier or an alternation (directly or deeper)?
  const open: { quantified: boolean; alternation: boolean }[] = []
  let lastClosed: { quantified: boolean; alternation: boolean } | undefined
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '\\') {
      i++
      lastClosed = undefined
      continue
    }
    if (char === '[') {
      // Skip the character class, escapes included.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++
      lastClosed = undefined
      continue
    }
    if (char === '(') {
      open.push({ quantified: false, alternation: false })
      lastClosed = undefined
      continue
    }
    if (char === ')') {
      lastClosed = open.pop()
      if (lastClosed && open.length > 0) {
        const parent = open[open.length - 1]!
        parent.quantified ||= lastClosed.quantified
        parent.alternation ||= lastClosed.alternation
      }
      continue
    }
    const quantifier = char === '*' || char === '+' || char === '?' || (char === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))
    if (quantifier) {
      if (lastClosed && (lastClosed.quantified || lastClosed.alternation)) {
        return 'may not repeat a group that itself repeats or has alternatives, such as (a+)+ or (a|aa)+'
      }
      for (const group of open) group.quantified = true
      lastClosed = undefined
      continue
    }
    if (char === '|') for (const group of open) group.alternation = true
    lastClosed = undefined
  }
  return undefined
}
