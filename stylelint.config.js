// `npm run lint` checks every stylesheet with stylelint's standard rules, less the ones about blank
// lines: the project's CSS puts rules one after another (Prettier formats it; stylelint checks it).
/** @type {import('stylelint').Config} */
export default {
  extends: ['stylelint-config-standard'],
  ignoreFiles: ['out/**', 'node_modules/**', 'test-results/**'],
  rules: {
    'at-rule-empty-line-before': null,
    'comment-empty-line-before': null,
    'custom-property-empty-line-before': null,
    'declaration-empty-line-before': null,
    'rule-empty-line-before': null,
    // The window's entry imports its partials as strings: Vite inlines them into one file.
    'import-notation': 'string',
  },
  overrides: [
    {
      // The board's bare `button` after `.login button` sets other properties than it does.
      files: ['src/server/public/board.css'],
      rules: { 'no-descending-specificity': null },
    },
  ],
};
