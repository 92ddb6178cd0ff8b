import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiStyle, EndpointFamily, StreamEvent } from '../../../src/service/model';
import { startRig, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(() => rig.close());

const STYLES: Array<[ApiStyle, EndpointFamily, string]> = [
  ['converse-stream', 'runtime', 'us.amazon.nova-lite-v1:0'],
  ['invoke-model-stream', 'runtime', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  ['chat-completions', 'mantle', 'openai.gpt-oss-120b'],
  ['responses', 'mantle', 'openai.gpt-oss-120b'],
  ['messages', 'mantle', 'anthropic.claude-sonnet-4-5'],
];

for (const [style, family, model] of STYLES) {
  test(`aborting a 100k-token ${style} stream on ${family} closes it at the emulator within 100 ms`, async () => {
    // 100k tokens paced at 20k/s: five seconds of stream, so the abort lands mid-way
    rig.emulator.scriptFaults(['long:100000,tokens-per-second:20000']);
    const abort = new AbortController();
    const before = rig.emulator.requests.length;
    let texts = 0;
    let abortedAt = 0;
    const events: StreamEvent[] = [];
    for await (const e of rig.router.stream({ model, apiStyle: style, family, messages: [{ role: 'user', content: [{ type: 'text', text: 'a very long answer please' }] }] }, abort.signal)) {
      events.push(e);
      if (e.type === 'text' && ++texts === 20) {
        abortedAt = Date.now();
        abort.abort();
      }
    }
    assert.ok(abortedAt > 0, 'the stream produced text before the abort');
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'aborted' });
    const record = rig.emulator.requests.slice(before).at(-1);
    assert.ok(record, 'the emulator saw the streaming request');
    // the close may be recorded just after the router returns: wait for it, bounded
    for (let i = 0; i < 50 && record.clientClosedAt === undefined; i++) await new Promise(r => setTimeout(r, 10));
    assert.ok(record.clientClosedAt !== undefined, 'the emulator saw the client close the stream');
    const ms = record.clientClosedAt - abortedAt;
    assert.ok(ms <= 100, `socket closed ${ms} ms after the abort`);
  });
}
