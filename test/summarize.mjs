// Prints each runner's counts and the closing line "N passed, N failed[, N skipped]".
// A runner whose report is missing counts as one failure (it crashed or never ran).
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  console.log(`vitest:     ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + v.numTodoTests} skipped`);
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.success ? 0 : v.numFailedTests === 0 ? 1 : 0);
  skipped += v.numPendingTests + v.numTodoTests;
} else {
  console.log('vitest:     no report (did not run or crashed)');
  failed += 1;
}

if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  console.log(`playwright: ${stats.expected} passed, ${stats.unexpected + stats.flaky} failed, ${stats.skipped} skipped`);
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky;
  skipped += stats.skipped;
} else {
  console.log('playwright: no report (did not run or crashed)');
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
