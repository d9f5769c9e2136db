/**
 * Whether a test that needs a tool of the machine (Debian's postgresql, chromium) must be skipped
 * here. A skip says why; in CI (`.ci/run` sets PHR_REQUIRE_TOOLS=1 after installing them) a
 * missing tool fails the run instead of hiding the test.
 */
export function toolMissing(tool: string, present: boolean): boolean {
  if (present) return false
  if (process.env.PHR_REQUIRE_TOOLS === '1') throw new Error(`${tool} is required (PHR_REQUIRE_TOOLS=1) but is not installed here`)
  console.warn(`skipped: ${tool} is not installed here (.ci/run installs it)`)
  return true
}
