// Entry loaded by the extension host as extensionTestsPath: runs every *.test.js beside it with mocha, in-process.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  // HARNESS_ONLY=migrate,service runs just those files (while working on one feature); unset runs all.
  const only = process.env.HARNESS_ONLY?.split(',').filter(Boolean);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (!f.endsWith('.test.js')) continue;
    if (only && !only.some(o => f.startsWith(o))) continue;
    mocha.addFile(path.join(__dirname, f));
  }
  const resultFile = process.env.HARNESS_RESULT_FILE;
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      const s = runner.stats!;
      console.log(`${s.passes} passed, ${s.failures} failed`);
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending }));
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
