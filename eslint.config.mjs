// Lint configuration: typescript-eslint's recommended type-aware-free rules plus a few that keep
// the layers honest (no vscode in the analysis core or the Azure layer).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layerRule = (forbidden, message) => ({
  'no-restricted-imports': ['error', { paths: forbidden.map((name) => ({ name, message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', '.test-output/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/analysis/**/*.ts', 'src/cli/**/*.ts'],
    rules: layerRule(
      ['vscode', '@azure/arm-compute', '@azure/arm-keyvault', '@azure/identity'],
      'The analysis core is shared with the CLI: no vscode or Azure imports.',
    ),
  },
  {
    files: ['src/azure/**/*.ts', 'src/sandbox/**/*.ts'],
    rules: layerRule(['vscode'], 'The Azure layer and the sandbox have no UI: pass what you need in.'),
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
