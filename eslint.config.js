import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-firefox/',
      'artifacts/',
      'node_modules/',
      'tests/output/',
      'tests/fixtures/',
      'bench/output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // User text is rendered as text; and web-ext lint's one explained warning (Preact's
      // innerHTML) stays true only while nothing passes this prop.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXAttribute[name.name="dangerouslySetInnerHTML"]',
          message: 'Render user text as text, never as HTML.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message:
                'Import { browser } from src/shared/browser.ts: the one module that loads it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
