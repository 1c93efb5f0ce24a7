// One lint configuration for the whole repository (flat config).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

/** Query-builder calls belong in repositories (and search/, migrations/, seeds): services hold rules, not SQL. */
const queryBuilderRule = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
      message: "SQL lives in *.repository.ts: move this query into the module's repository and call it from here.",
    },
    {
      selector: "TaggedTemplateExpression[tag.name='sql']",
      message: "SQL lives in *.repository.ts: move this query into the module's repository and call it from here.",
    },
  ],
};

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.svelte-kit/**',
      'web/build/**',
      'web/build-test/**',
      'web/src/lib/api/schema.d.ts',
      '**/.data/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Deliberate `any` is rare and reviewed; say why where it is used.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', 'web/src/**/*.ts'],
    rules: {
      // The web is served at the site root (no `paths.base`), so plain hrefs and goto() paths are already resolved.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Kysely's migrations take Kysely<any> by design: they must not depend on today's schema types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The API: SQL only in repositories (and the database plumbing, CLIs and seeds).
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/**/*.repository.ts', 'api/src/db/**', 'api/src/seed/**', 'api/src/cli/**', 'api/src/**/*.test.ts'],
    rules: queryBuilderRule,
  },
);
