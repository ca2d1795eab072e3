const { sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * `npm test` runs the unit tests (files beside their modules in lib/, launcher/, gateway/,
 * subgraphs/, workers/) before the system tests under test/, so a broken rule fails in seconds,
 * before any system starts. Within each group jest's own order holds (failed first, then slow).
 */
class UnitTestsFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isSystemTest = (test) =>
      test.path.startsWith(`${test.context.config.rootDir}${sep}test${sep}`);
    return [...sorted.filter((test) => !isSystemTest(test)), ...sorted.filter(isSystemTest)];
  }
}

module.exports = UnitTestsFirst;
