// dist-dynamic holds the Developer Hub export (make dynamic-plugins), generated code.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  ignorePatterns: ['**/dist-dynamic/**'],
});
