// The Voice view end to end: the real workbench (code-server) + the extension + the local Bedrock emulator, driven
// like a user in Debian Chromium. The microphone is test/fixtures/voice/play-wav.js, configured through the same
// `bedrock.voice.recorderCommand` users set: it plays a WAV file at real-time pace, then silence. The emulator's
// ear hears loud stretches as speech; its answers are one 120 ms tone per word, so what was sent is known exactly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findWebviewFrame, runFromPalette } from '../../scripts/harness/browser.mjs';
import { results, root, startWorkbench } from './support/workbench.mjs';

const require = createRequire(import.meta.url);
const { writeWav } = require(path.join(root, 'out/src/service/runtime/wav.js'));

/** One audioOutput event of the emulator: 100 ms of 24 kHz 16-bit mono. */
const CHUNK_MS = 100;
const BYTES_PER_MS = 48;

/** A 16 kHz mono WAV of [speech ms, silence ms] pairs; speech is a loud tone. */
function speechWav(file, parts) {
  const chunks = parts.flatMap(([speech, quiet]) => {
    const s = Buffer.alloc(speech * 32);
    for (let i = 0; i < speech * 16; i++) s.writeInt16LE(Math.round(Math.sin(2 * Math.PI * 250 * i / 16000) * 12000), i * 2);
    return [s, Buffer.alloc(quiet * 32)];
  });
  fs.writeFileSync(file, writeWav(Buffer.concat(chunks), 16000));
}

describe('voice view against the emulator', () => {
  let wb, frame, dir, mic;
  const sonicStreams = () => wb.emu.requests.filter(r => r.route === 'invoke-with-bidirectional-stream');
  const data = key => frame.evaluate(k => document.body.dataset[k] ?? null, key);
  /** Waits until body's data-`key` is `value` ('set': any value; a number: at least that many). No eval: the page's CSP forbids it. */
  const waitData = (key, value, timeout = 60_000) => frame.waitForFunction(([k, v]) => {
    const now = document.body.dataset[k];
    return v === 'set' ? Boolean(now) : typeof v === 'number' ? Number(now ?? 0) >= v : now === v;
  }, [key, value], { timeout });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-voice-ui-'));
    mic = path.join(dir, 'microphone.wav');
    const player = path.join(root, 'test/fixtures/voice/play-wav.js');
    wb = await startWorkbench({ emulator: true, settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'bedrock.voice.recorderCommand': `"${process.execPath}" "${player}" "${mic}" --then-silence`,
    } });
    await wb.page.locator('.statusbar-item[aria-label^="Bedrock credentials"]').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
    await runFromPalette(wb.page, 'Bedrock: Open Voice Conversation');
    frame = await findWebviewFrame(wb.page, '#start', 60_000);
    await frame.locator('#model option[value="amazon.nova-2-sonic-v1:0"]').waitFor({ state: 'attached', timeout: 30_000 });
  });
  after(async () => {
    await wb?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function stopConversation() {
    await frame.locator('#stop').click();
    await waitData('status', 'ended');
  }

  test('two spoken turns in one session: both turns and answers in the transcript; the audio scheduled is what the emulator sent', async () => {
    speechWav(mic, [[384, 1024], [320, 1024]]); // 32 ms frames: speech starts on a frame boundary
    wb.emu.scriptFaults(['realtime-audio']);
    wb.emu.scriptReplies(['Hello from the emulator.', 'The second answer is a little longer.']);
    const before = sonicStreams().length;
    await frame.locator('#start').click();
    await waitData('answers', 2);
    await stopConversation();

    const users = await frame.locator('.turn.user .final').allTextContents();
    const answers = await frame.locator('.turn.assistant .final').allTextContents();
    assert.deepEqual(users, ['(384 ms of speech)', '(320 ms of speech)']);
    assert.deepEqual(answers, ['Hello from the emulator.', 'The second answer is a little longer.']);
    const streams = sonicStreams().slice(before);
    assert.equal(streams.length, 1, 'one bidirectional stream for both turns');
    const sentMs = streams[0].sonic.audioBytes.reduce((a, b) => a + b, 0) / BYTES_PER_MS;
    assert.equal(sentMs, (4 + 7) * 120, 'one tone per word');
    const scheduledMs = Number(await data('scheduledMs'));
    assert.ok(Math.abs(scheduledMs - sentMs) <= CHUNK_MS, `scheduled ${scheduledMs} ms, sent ${sentMs} ms`);
    await wb.page.screenshot({ path: path.join(results, 'voice.png') });
  });

  test('barge-in: user speech during the answer stops playback within 200 ms of the interruption, and the transcript shows the cut', async () => {
    // turn 1 ends 600 ms into the silence; the long answer starts; the user speaks again ~1 s into it
    speechWav(mic, [[320, 1700], [320, 1200]]);
    wb.emu.scriptFaults(['realtime-audio']);
    const long = Array.from({ length: 30 }, (_, i) => `word${i + 1}`).join(' ');
    wb.emu.scriptReplies([long, 'Sure, go on.']);
    const answersBefore = Number(await data('answers') ?? 0);
    await frame.locator('#start').click();
    await waitData('cutAt', 'set');
    await waitData('answers', answersBefore + 2);
    await stopConversation();

    const interruption = sonicStreams().at(-1).sonic.interruptions[0];
    assert.ok(interruption, 'the emulator interrupted its answer');
    const cutAt = Number(await data('cutAt'));
    assert.ok(cutAt - interruption.at < 200, `playback stopped ${cutAt - interruption.at} ms after the interruption event`);
    assert.ok(Number(await data('droppedMs')) > 0, 'there was queued speech, and it was dropped');
    const cut = frame.locator('.turn.assistant.interrupted');
    assert.equal(await cut.count(), 1);
    assert.match(await cut.textContent(), /word1 .*— interrupted/);
    assert.ok(!(await cut.textContent()).includes('word30'), 'only what was spoken is in the transcript');
    const answers = await frame.locator('.turn.assistant .final').allTextContents();
    assert.equal(answers.at(-1), 'Sure, go on.');
    await wb.page.screenshot({ path: path.join(results, 'voice-barge-in.png') });
  });
});
