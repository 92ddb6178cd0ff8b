import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { measureThroughput } from '../../../emulator/bench';

// Judged per CPU-second (emulator plus reader in this process) so a crowded shared machine does
// not make the test flaky; `npm run emulator:bench`-style wall figures are in emulator/README.md.
test('every streaming route costs less than one CPU-second per 20,000 tokens (long:50000, unpaced)', async () => {
  const emu = await startEmulator();
  try {
    for (const r of await measureThroughput(emu, 50_000, 1)) {
      assert.ok(r.tokensPerCpuSecond >= 20_000, `${r.route}: ${r.tokensPerCpuSecond} tokens per CPU-second`);
    }
  } finally {
    await emu.close();
  }
});
