// Prints each runner's counts, the initial renderer JS size, and the closing line
// "N passed, N failed[, N skipped]". A runner whose report is missing counts as one failure
// (it crashed or never ran); so does the size check, when over its budget or missing.
import { existsSync, readFileSync } from 'node:fs';
import { summaryLine } from '../scripts/size.mjs';

const [vitestFile, playwrightFile, sizeFile] = process.argv.slice(2);
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

if (sizeFile && existsSync(sizeFile)) {
  const size = JSON.parse(readFileSync(sizeFile, 'utf8'));
  console.log(summaryLine(size).replace(/^size: /, 'size:       '));
  if (size.initial.gzip > size.budget) failed += 1;
} else if (sizeFile) {
  console.log('size:       no report (the build or the size step did not run)');
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
