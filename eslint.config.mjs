import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/console/public/**', 'src/webchat/public/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // In-memory implementations of async interfaces have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // activity.type is a string; comparing it with botbuilder's ActivityTypes enum is intended.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [] }],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['ioredis', 'restify'] }],
    },
  },
);
