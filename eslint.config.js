import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The legacy resolver setting is left out: import-x then looks for a resolver named "typescript"
// or "node" by file path from each imported package's folder, and took lightningcss's `node/`
// (which vite's types import) for one, crashing on any file that imports vite.
const { 'import-x/resolver': _legacyResolver, ...typeScriptImports } =
  importX.flatConfigs.typescript.settings;

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-output', 'schema'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      // import-x reads only .js files unless told TypeScript's extensions and parser; without
      // these, no-cycle never looks inside a .ts file.
      ...typeScriptImports,
      // Its own resolver follows Node's rules, `exports` and `.ts` specifiers included.
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // The format is shared with the browser: no I/O, no Node-only modules.
    files: ['pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', '../server/*', '../nodes/*', '../editor/*'] },
      ],
    },
  },
  {
    // The editor learns the catalogue from the API; it never imports nodes or server code.
    files: ['editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/nodes/**', '**/server/**', 'node:*'] }],
    },
  },
  {
    files: ['nodes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'hono', '**/server/**', '**/editor/**'] },
      ],
    },
  },
);
