// ESLint (npm run lint, next to Prettier, tsc and dependency-cruiser): JavaScript's and
// typescript-eslint's recommended rules everywhere, and where types pay — promises nobody awaits
// or that are passed where a callback's result is ignored, awaiting what is not a promise —
// type-aware on the Worker's code and the tests.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['node_modules/', '.wrangler/', 'coverage/', 'test/node/client/', 'hmis/', 'docs/', 'static/docs/assets/swagger-ui*'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Typed at the edges (zod, JSON from other systems); `any` stays a choice made in review.
      '@typescript-eslint/no-explicit-any': 'off',
      // Control characters are matched on purpose: NUL bytes and the like are refused in input.
      'no-control-regex': 'off',
    },
  },
  // The page script of /docs runs in the browser.
  { files: ['static/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
)
