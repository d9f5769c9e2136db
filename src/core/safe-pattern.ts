// The guard on regular expressions that patients (and so anyone) send to doctor search, shared
// with the reference HMIS. Hospitals run the pattern on their own engines, which backtrack (V8,
// PCRE, Java, .NET, Python), so the guard bounds the worst case of a backtracking engine: it
// accepts a small grammar that every one of those engines reads the same way, and refuses a
// pattern whose choices multiply beyond MAX_PATTERN_COST. No imports: Node scripts import it too.
//
// The cost of a pattern is the number of ways a backtracking engine can try to match it at one
// position: a sequence multiplies its parts, alternatives add, `?` counts 2, `{n,m}` counts
// m - n + 1 and an unbounded repeat (`*`, `+`, `{n,}`) counts UNBOUNDED_COST. With a cost of at
// most 4096 — e.g. two unbounded repeats, or one and a `{0,63}`, or twelve `?` — the worst
// accepted pattern takes a few milliseconds against a 200-character name in V8 (the property
// test and `npm run bench` measure it); three unbounded repeats (64³) are refused: `.*.*.*x`
// alone costs over 100 ms there and each further `.*` multiplies that by ~30.

export const MAX_PATTERN_LENGTH = 80
export const MAX_PATTERN_COST = 4096
/** What one `*`, `+` or `{n,}` counts for: a name of up to 200 characters, weighted so two fit. */
export const UNBOUNDED_COST = 64
/** The largest count a `{n}`/`{n,m}` may name. */
export const MAX_REPEAT_COUNT = 64

// Characters that must be escaped to be literal, and the only ones that may be escaped.
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/'])
const CLASS_ESCAPES = new Set([...'dDwWsS'])

/** The accepted subset in words, for both API documents (ours and the HMIS contract). */
export const SAFE_PATTERN_RULES =
  'Patterns use a subset that ECMAScript, PCRE, Java, .NET, Python and RE2 all accept with one meaning (but for `\\d \\w \\s`, which some engines extend beyond ASCII): at most 80 characters of letters (any script), `.`, classes `[a-z]` `[^0-9]`, `\\d \\w \\s` (and capitals), `\\b`, anchors `^ $`, groups `( )` `(?: )`, alternatives `|`, and repeats `* + ? {n} {n,} {n,m}` (counts ≤ 64; lazy `?` allowed) of one character, class, dot or a group of plain characters; punctuation escaped with `\\`. Refused: backreferences, lookarounds, named groups, inline flags, `\\p{…}`, POSIX classes, a repeated group containing a repeat or `|` (`(a+)+`, `(a|b)*`), and patterns with too many ways to match (a cost over 4096, where `*`, `+` and `{n,}` count 64, `?` 2, `{n,m}` m−n+1, a sequence multiplies and alternatives add: at most two unbounded repeats, e.g. `dr.*meera.*` but not `.*.*.*x`). Accepted: `meera`, `^dr\\.? ?meera`, `cardio|neuro`, `gen(eral)?`, `\\bsharma\\b`. Refused: `(a+)+$`, `.*.*.*x`, `(?=a)`, `\\p{L}+`.'

class Refused extends Error {}

type Parsed = { cost: number; plain: boolean; width: number }

/** Why a pattern is refused, or undefined when it is safe to run case-insensitively. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`
  try {
    new RegExp(pattern, 'iu')
  } catch {
    return 'is not a valid regular expression'
  }
  try {
    const cost = new PatternReader([...pattern]).whole()
    if (cost > MAX_PATTERN_COST)
      return 'has too many ways to match (at most two unbounded repeats such as .* or +, and few optional parts): make it simpler'
    return undefined
  } catch (error) {
    if (error instanceof Refused) return error.message
    throw error
  }
}

/** The cost of an accepted pattern (see above); for the bench and the property test. */
export function patternCost(pattern: string): number {
  return new PatternReader([...pattern]).whole()
}

/** A recursive-descent reader of the accepted grammar (code points, as the `u` flag reads them). */
class PatternReader {
  private at = 0
  private readonly chars: string[]
  constructor(chars: string[]) {
    this.chars = chars
  }

  whole(): number {
    const { cost } = this.alternatives()
    if (this.at < this.chars.length) throw new Refused('has an unmatched )')
    return cost
  }

  private peek(offset = 0) {
    return this.chars[this.at + offset]
  }

  /** branch ('|' branch)* — alternatives add. */
  private alternatives(): Parsed {
    let parsed = this.sequence()
    let branches = 1
    while (this.peek() === '|') {
      this.at++
      const next = this.sequence()
      parsed = { cost: parsed.cost + next.cost, plain: false, width: parsed.width === next.width ? parsed.width : -1 }
      branches++
    }
    return branches > 1 ? { ...parsed, plain: false } : parsed
  }

  /** (atom quantifier?)* — parts multiply. */
  private sequence(): Parsed {
    let cost = 1
    let plain = true
    let width = 0
    while (this.at < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom()
      const repeat = this.quantifier()
      if (repeat) {
        if (atom.assertion) throw new Refused('may not repeat an anchor or a word boundary')
        if (!atom.plain)
          throw new Refused('may only repeat a single character, a class, a dot or a group of plain characters: not (a+)+ or (a|b)*')
        if (atom.width === 0) throw new Refused('may not repeat an empty group')
        cost *= repeat.cost
        plain = false
        width = -1
      } else {
        cost *= atom.cost
        plain &&= atom.plain
        width = width < 0 || atom.width < 0 ? -1 : width + atom.width
      }
      if (cost > MAX_PATTERN_COST * UNBOUNDED_COST) cost = MAX_PATTERN_COST * UNBOUNDED_COST
    }
    return { cost, plain, width }
  }

  private atom(): Parsed & { assertion?: boolean } {
    const char = this.chars[this.at++]!
    if (char === '^' || char === '$') return { cost: 1, plain: true, width: 0, assertion: true }
    if (char === '.') return { cost: 1, plain: true, width: 1 }
    if (char === '[') return this.characterClass()
    if (char === '\\') {
      const escaped = this.chars[this.at++]
      if (escaped === 'b' || escaped === 'B') return { cost: 1, plain: true, width: 0, assertion: true }
      if (escaped !== undefined && (CLASS_ESCAPES.has(escaped) || SYNTAX.has(escaped))) return { cost: 1, plain: true, width: 1 }
      if (escaped !== undefined && /[1-9k]/.test(escaped)) throw new Refused('may not use backreferences')
      throw new Refused('may only escape punctuation (\\. \\( …) or use \\d \\w \\s \\b and their capitals')
    }
    if (char === '(') {
      if (this.peek() === '?') {
        if (this.peek(1) === ':') this.at += 2
        else if (this.peek(1) === '=' || this.peek(1) === '!' || (this.peek(1) === '<' && /[=!]/.test(this.peek(2) ?? '')))
          throw new Refused('may not use lookahead or lookbehind')
        else throw new Refused('may only use plain groups ( ) and (?: ), not named groups or inline flags')
      }
      const inner = this.alternatives()
      if (this.chars[this.at++] !== ')') throw new Refused('has an unclosed (')
      return inner
    }
    // `{`, `}` and `]` on their own mean different things in different engines.
    if (char === '{' || char === '}' || char === ']') throw new Refused(`must escape a literal ${char} as \\${char}`)
    if (char === '*' || char === '+' || char === '?') throw new Refused('has a repeat with nothing to repeat')
    return { cost: 1, plain: true, width: 1 }
  }

  /** `[...]`: characters, ranges and \d \w \s; no nested classes, POSIX classes or intersections. */
  private characterClass(): Parsed {
    if (this.peek() === '^') this.at++
    let first = true
    for (;;) {
      const char = this.chars[this.at++]
      if (char === undefined) throw new Refused('has an unclosed [')
      if (char === ']' && !first) return { cost: 1, plain: true, width: 1 }
      if (char === ']') throw new Refused('may not have an empty class []')
      if (char === '[') throw new Refused('must escape [ inside a class as \\[')
      if (char === '&' && this.peek() === '&') throw new Refused('may not use && inside a class')
      if (char === '\\') {
        const escaped = this.chars[this.at++]
        if (escaped === undefined || !(CLASS_ESCAPES.has(escaped) || SYNTAX.has(escaped) || escaped === '-'))
          throw new Refused('may only escape punctuation or use \\d \\w \\s inside a class')
      }
      first = false
    }
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (each may be lazy, `?` after it); its cost, or undefined. */
  private quantifier(): { cost: number } | undefined {
    const char = this.peek()
    let cost: number
    if (char === '*' || char === '+') {
      this.at++
      cost = UNBOUNDED_COST
    } else if (char === '?') {
      this.at++
      cost = 2
    } else if (char === '{') {
      const match = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(this.chars.slice(this.at, this.at + 9).join(''))
      if (!match) throw new Refused('must escape a literal { as \\{')
      this.at += match[0].length
      const min = Number(match[1])
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
      if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT))
        throw new Refused(`may not repeat more than ${MAX_REPEAT_COUNT} times in {n,m}`)
      cost = max === Infinity ? UNBOUNDED_COST : max - min + 1
    } else return undefined
    if (this.peek() === '?') this.at++
    const next = this.peek()
    if (next === '*' || next === '+' || next === '?' || next === '{') throw new Refused('may not repeat a repeat (a** or a+{2})')
    return { cost }
  }
}
