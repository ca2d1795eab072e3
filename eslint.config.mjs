import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * The area of a repository path: `lib`, `launcher`, `gateway`, `subgraphs/<name>`,
 * `workers/<name>`, or null for everything else (tests, scripts, bench, web).
 */
function areaOf(path) {
  const [top, name] = relative(ROOT, path).split(/[\\/]/);
  if (top === 'subgraphs' || top === 'workers') return name ? `${top}/${name}` : null;
  return ['lib', 'launcher', 'gateway'].includes(top) ? top : null;
}

/**
 * The walls (README "Architecture"): the launcher, the composition root, may import anything;
 * every other area only itself and `lib`.
 */
function forbidden(from, to) {
  return from !== 'launcher' && to !== null && to !== from && to !== 'lib';
}

/**
 * The walls as a rule over resolved paths rather than `no-restricted-imports` patterns: a
 * pattern sees only the import's text, and `../../catalog/x` from a subgraph names another
 * subgraph or a folder of its own depending on where the file sits.
 */
const walls = {
  meta: {
    type: 'problem',
    messages: { wall: '{{from}} may not import {{to}} ({{source}}): see README "Architecture".' },
    schema: [],
  },
  create(context) {
    const from = areaOf(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = areaOf(resolve(dirname(context.filename), source));
      if (forbidden(from, to))
        context.report({ node, messageId: 'wall', data: { from, to, source } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node.arguments[0]);
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      'coverage/',
      'dist/',
      'web/dist/',
      // GraphQL Code Generator's output (`npm run codegen`), checked by a test instead.
      'subgraphs/*/generated/',
    ],
  },
  { files: ['**/*.js'], languageOptions: { globals: { module: 'writable', require: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { bazaar: { rules: { walls } } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      'bazaar/walls': 'error',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
