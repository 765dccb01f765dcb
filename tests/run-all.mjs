#!/usr/bin/env node
// `npm test`: unit tests, then the built extension end-to-end in real Chromium.
// Without a Chromium the browser tests are skipped, loudly; under CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
}

/** Passed, failed and skipped test counts from a Vitest JSON report. */
function counts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that fails to load counts as one failure even though no test in it failed.
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests || (report.success ? 0 : 1),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** How many end-to-end tests there are (listed, not run): those a missing Chromium skips. */
function e2eTestCount() {
  const listed = spawnSync(vitest, ['list', '--config', 'vitest.e2e.config.ts', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  try {
    return JSON.parse(listed.stdout).length;
  } catch {
    return 0;
  }
}

const vitest = join(root, 'node_modules', '.bin', 'vitest');
const unitReport = join(reports, 'unit.json');
const unitStatus = run(vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
const totals = counts(unitReport);

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
let e2eStatus = 0;
let skipped = false;
if (!chromium) {
  const banner = [
    '',
    '#'.repeat(78),
    '#  BROWSER TESTS SKIPPED: no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium).',
    '#  Install it with:  apt-get install -y chromium',
    '#  Only the unit tests ran; the extension itself was NOT tested in a browser.',
    '#'.repeat(78),
    '',
  ].join('\n');
  console.error(banner);
  if (ci) {
    console.error('CI=true: a missing Chromium fails the run.');
    e2eStatus = 1;
    totals.failed += 1;
  }
  skipped = true;
  totals.skipped += e2eTestCount();
} else {
  // Both builds: Chromium runs the Chrome one; Firefox ESR, when installed, the Firefox one (tests/e2e/firefox.e2e.ts).
  e2eStatus =
    run(join(root, 'node_modules', '.bin', 'wxt'), ['build']) ||
    run(join(root, 'node_modules', '.bin', 'wxt'), ['build', '-b', 'firefox']);
  if (e2eStatus === 0) {
    const e2eReport = join(reports, 'e2e.json');
    e2eStatus = run(vitest, [
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${e2eReport}`,
    ]);
    const e2e = counts(e2eReport);
    totals.passed += e2e.passed;
    totals.failed += e2e.failed;
    totals.skipped += e2e.skipped;
  } else {
    totals.failed += 1;
  }
}

const status = unitStatus || e2eStatus;
if (status !== 0 && totals.failed === 0) totals.failed = 1;
if (skipped) console.error('The browser tests were skipped: no Chromium (see the banner above).');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
