// The doctor-search pattern guard (src/core/safe-pattern.ts) against a backtracking engine: every
// pattern it accepts, up to its length limit, runs against 200-character adversarial names in V8
// (the engine of the Worker, and of the reference HMIS) within 50 ms; the patterns that took
// seconds before are refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_PATTERN_COST, MAX_PATTERN_LENGTH, patternCost, patternProblem } from '../../src/core/safe-pattern'

// Atoms and repeats of every kind the grammar has, biased towards what backtracks: things that all
// match the same letters.
const atom = fc.constantFrom('a', 'b', ' ', '.', '[a-z]', '[ab]', '\\w', '\\s', '\\S', '(?:ab)', '(a|b)', '(aa|a)', '(a|ab|b)', 'x')
const repeat = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '{0,5}', '{1,63}', '{0,63}', '{2,}', '{3}')
const part = fc.tuple(atom, repeat).map(([a, r]) => a + r)
const candidate = fc
  .tuple(fc.boolean(), fc.array(part, { minLength: 1, maxLength: 30 }), fc.constantFrom('', '$', 'x', 'x$', '|b+x'))
  .map(([anchored, parts, end]) => `${anchored ? '^' : ''}${parts.join('')}${end}`)
  .filter((pattern) => pattern.length <= MAX_PATTERN_LENGTH && patternProblem(pattern) === undefined)

/** Names that nearly match: long runs of what the atoms accept, with no `x` for the end to find. */
const adversarialNames = ['a'.repeat(200), 'ab'.repeat(100), 'a '.repeat(100), 'aab'.repeat(66) + 'aa', 'b'.repeat(199) + '!']

/**
 * The slowest name's time, each name's the best of three runs: the engine's work, not a garbage
 * collection or another test that happened to share the core at that moment.
 */
function slowestMs(pattern: string): number {
  const regex = new RegExp(pattern, 'iu')
  let slowest = 0
  for (const name of adversarialNames) {
    let best = Infinity
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      regex.test(name)
      best = Math.min(best, performance.now() - started)
    }
    slowest = Math.max(slowest, best)
  }
  return slowest
}

describe('doctor search patterns', () => {
  it('accepts what people search for', () => {
    for (const pattern of [
      'meera',
      '^dr\\.? ?meera',
      'cardio|neuro',
      'gen(eral)?',
      '^(general|critical care)$',
      '\\bsharma\\b',
      'ब्रज',
      '[a-z]+ [a-z]+',
      'm.*a',
    ])
      expect(patternProblem(pattern), pattern).toBeUndefined()
  })

  it.each([
    ['16 adjacent .* then a letter (seconds before)', '.*'.repeat(16) + 'x'],
    ['three unbounded repeats', '.*.*.*x'],
    ['a repeated repeat', '(a+)+$'],
    ['repeated alternatives', '(a|aa)+$'],
    ['a repeated group with an optional part', '(\\w+\\s?)+$'],
    ['thirteen optional letters', 'a?'.repeat(13) + 'x'],
    ['a long bounded repeat', 'a{65}'],
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'a(?=b)'],
    ['a Unicode property (not in every engine)', '\\p{L}+'],
    ['a POSIX class (another meaning in PCRE)', '[[:alpha:]]'],
    ['a named group', '(?<n>a)'],
    ['over the length limit', 'a'.repeat(MAX_PATTERN_LENGTH + 1)],
  ])('refuses %s', (_why, pattern) => {
    expect(patternProblem(pattern)).toBeDefined()
  })

  it('every accepted pattern runs against 200-character adversarial names within 50 ms in V8', () => {
    let costliest = { pattern: '', cost: 0, ms: 0 }
    fc.assert(
      fc.property(candidate, (pattern) => {
        const ms = slowestMs(pattern)
        const cost = patternCost(pattern)
        expect(cost).toBeLessThanOrEqual(MAX_PATTERN_COST)
        if (cost > costliest.cost) costliest = { pattern, cost, ms }
        expect(ms, pattern).toBeLessThan(50)
      }),
      { numRuns: 400 },
    )
    // The generator reached the edge of what is accepted, not only cheap patterns.
    expect(costliest.cost, JSON.stringify(costliest)).toBeGreaterThanOrEqual(MAX_PATTERN_COST / 4)
  })

  it.each(['.*.*x', '.*[a-z]{0,63}x', 'a?'.repeat(12) + 'x', '[a-z]{0,63}[a-z]{0,63}x', '(aa|a)'.repeat(12) + 'x'])(
    'the worst patterns at the limit (%s) still run within 50 ms',
    (pattern) => {
      expect(patternProblem(pattern)).toBeUndefined()
      expect(slowestMs(pattern)).toBeLessThan(50)
    },
  )
})
