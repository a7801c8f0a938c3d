// Lint rules for the whole repository; run by `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'out', 'bench', 'quality', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Synchronous reads break the webgpu backend in Chromium (shared notes).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync|bufferSync)$/]',
          message:
            'Read tensors with await t.data() / t.array(): synchronous reads break WebGPU in Chromium.',
        },
      ],
    },
  },
);
