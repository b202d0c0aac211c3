// ESLint's and typescript-eslint's recommended rules over the sources, tests and scripts, with the few
// exceptions below, each for a reason the code has on purpose.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Escaping and refusing control characters in names, logs and workflow commands is what those patterns are for.
      'no-control-regex': 'off',
      // `const { dropped, ...kept } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['__tests__/**'],
    rules: {
      // Reference values are quoted with every digit their source prints; the test compares the nearest double.
      'no-loss-of-precision': 'off',
      // Tests break parsed JSON and YAML documents field by field to feed the readers bad input.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
