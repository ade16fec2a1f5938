// Lint configuration: typescript-eslint's recommended type-aware-free rules plus a few that keep
// the layers honest (no vscode in the analysis core or the Azure layer).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import path from 'node:path';

/**
 * Checks relative imports by the folder they resolve to (no-restricted-imports only sees the text, and
 * `../ade` means different folders from different files): `allowOnly` keeps a folder self-contained,
 * `forbid` keeps folders out, `forbidPackages` keeps package prefixes out.
 */
const layers = {
  rules: {
    'resolved-imports': {
      meta: { type: 'problem', schema: [{ type: 'object', additionalProperties: true }] },
      create(context) {
        const { allowOnly, forbid = [], forbidPackages = [] } = context.options[0] ?? {};
        const root = process.cwd();
        const inside = (abs, dir) => abs === path.join(root, dir) || abs.startsWith(path.join(root, dir) + path.sep);
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          if (!spec.startsWith('.')) {
            const bad = forbidPackages.find((p) => spec.startsWith(p));
            if (bad) context.report({ node, message: `'${spec}' is not allowed here (${bad}*).` });
            return;
          }
          const abs = path.resolve(path.dirname(context.filename), spec);
          if (allowOnly && !inside(abs, allowOnly)) {
            context.report({ node, message: `Files in ${allowOnly} import nothing outside it ('${spec}').` });
          }
          const hit = forbid.find((dir) => inside(abs, dir));
          if (hit) context.report({ node, message: `This folder must not import ${hit} ('${spec}').` });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
        };
      },
    },
  },
};

const layerRule = (forbidden, message) => ({
  'no-restricted-imports': ['error', { paths: forbidden.map((name) => ({ name, message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'test/fixtures/**',
      '.test-output/**',
      '.tools/**',
      // tree-sitter's grammar DSL (globals such as seq/choice), checked by `tree-sitter generate`.
      'grammar/**',
    ],
  },
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
    // ADE facts are pure data shared by every layer: they import nothing of ours and no SDK or UI.
    files: ['src/ade/**/*.ts'],
    plugins: { layers },
    rules: {
      ...layerRule(['vscode'], 'src/ade is pure data: no vscode.'),
      'layers/resolved-imports': ['error', { allowOnly: 'src/ade', forbidPackages: ['@azure/'] }],
    },
  },
  {
    // The sandbox models Azure on its own, so a test can catch where it and the product disagree.
    files: ['src/sandbox/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/resolved-imports': ['error', { forbid: ['src/ade'] }] },
  },
  {
    files: ['src/azure/**/*.ts'],
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
