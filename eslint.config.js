// @ts-check
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['vitest.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'check-file': checkFile },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'check-file/filename-naming-convention': [
        'error',
        { '**/!(migrations)/*.{ts,tsx}': 'KEBAB_CASE', '**/migrations/*.ts': '[0-9]*_+([a-z_])' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { '{server,web,contracts,e2e}/**/': 'KEBAB_CASE' }],
    },
  },
  {
    // A module is used by others only through its index.ts (STYLE.md §1).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // A module's ledger subjects are its second entry point: verify's worker threads load
            // them (and what they need to read rows) without the module's services and routes.
            {
              regex: '^(\\.{1,2}/)+modules/[^/]+/(?![^/]+\\.ledger$).+',
              message: 'Import a module through its index.ts (its ledger subjects through its *.ledger.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./[^./][^/]*/.+', message: 'Import another module through its index.ts.' },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts: no type information, Node's globals.
    files: ['scripts/**/*.mjs', 'server/src/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly' },
    },
  },
  {
    // antd form validators are async by contract, even when the check itself is synchronous.
    files: ['web/src/**/*.tsx'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
