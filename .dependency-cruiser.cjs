// The boundaries of src/ (npm run lint): the kernel (core/) and the tables (db/) depend on no
// feature; integrations (the ports to other systems) on no feature; a feature reaches another only
// through that feature's published surface, its index.ts; and nothing imports itself in a circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules together for good: split out what both need (into core/, or the owner’s index.ts).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'features-through-their-index',
      severity: 'error',
      comment:
        'A feature uses another only through what that feature publishes in its index.ts (or through a kernel port): its files are its own to change.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/[^/]+/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'kernel-below-features',
      severity: 'error',
      comment: 'core/ is the kernel every feature stands on: it imports only itself and the tables (db/).',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/db/'] },
    },
    {
      name: 'tables-below-everything',
      severity: 'error',
      comment: 'db/ is the tables: it imports only itself.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: ['^src/db/'] },
    },
    {
      name: 'integrations-below-features',
      severity: 'error',
      comment: 'integrations/ are the ports to other systems (HMIS, Gemini, SMS, ABDM…): they know no feature.',
      from: { path: '^src/integrations/' },
      to: { path: '^src/(features|app|index|services|jobs|all-features)' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: ['^cloudflare:'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
