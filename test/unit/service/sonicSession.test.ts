import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import type { ReplyRequest } from '../../../emulator/replyGenerator';
import { SonicSession, trimHistory, type RuntimeContext, type SonicSessionEvent } from '../../../src/service/runtime';
import { sigv4 } from './emulatorRouter';

let emu: Emulator;
let ctx: RuntimeContext;
before(async () => {
  emu = await startEmulator();
  ctx = { region: emu.region, endpoint: emu.runtimeEndpoint, auth: sigv4(emu) };
});
after(() => emu.close());

/** `ms` (a multiple of the 32 ms frame) of a loud 300 Hz tone (speech, to the emulator's ear) then `silenceMs` of silence, 16 kHz 16-bit mono. */
function utterance(ms: number, silenceMs: number): Uint8Array {
  const voiced = ms * 16;
  const pcm = Buffer.alloc((voiced + silenceMs * 16) * 2);
  for (let i = 0; i < voiced; i++) pcm.writeInt16LE(Math.round(Math.sin(2 * Math.PI * 300 * i / 16000) * 12000), i * 2);
  return pcm;
}

const bidiRequests = () => emu.requests.filter(r => r.route === 'invoke-with-bidirectional-stream');
const finals = (events: SonicSessionEvent[]) => events.flatMap(e => e.type === 'transcript' && e.final ? [`${e.role}: ${e.text}`] : []);

/**
 * Drives a session: `step` is called with every event and may send input; the session ends when it returns 'end'.
 * Returns everything the session yielded.
 */
async function converse(session: SonicSession, step: (e: SonicSessionEvent, seen: SonicSessionEvent[]) => 'end' | void): Promise<SonicSessionEvent[]> {
  const seen: SonicSessionEvent[] = [];
  for await (const e of session.events()) {
    seen.push(e);
    if (step(e, seen) === 'end') session.end();
  }
  return seen;
}

test('several turns — spoken and typed — on ONE bidirectional stream, each answered with transcript and audio', async () => {
  emu.scriptReplies(['First answer here.', 'Second answer.', 'Third one.']);
  const before = bidiRequests().length;
  const session = new SonicSession(async () => ctx, { modelId: 'amazon.nova-2-sonic-v1:0', system: 'Be brief.' });
  let ends = 0;
  const events = await converse(session, e => {
    if (e.type === 'connected') session.sendAudio(utterance(384, 800));
    if (e.type === 'end' && ++ends === 1) session.sendAudio(utterance(320, 800));
    if (e.type === 'end' && ends === 2) session.sendText('And now typed?');
    if (e.type === 'end' && ends === 3) return 'end';
  });
  assert.equal(bidiRequests().length - before, 1, 'one stream for the whole conversation');
  assert.deepEqual(finals(events), [
    'user: (384 ms of speech)', 'assistant: First answer here.',
    'user: (320 ms of speech)', 'assistant: Second answer.',
    'user: And now typed?', 'assistant: Third one.',
  ]);
  assert.ok(events.some(e => e.type === 'transcript' && !e.final), 'speculative text before the audio');
  const audio = events.filter(e => e.type === 'audio').reduce((n, e) => n + (e.type === 'audio' ? e.pcm.length : 0), 0);
  assert.equal(audio, bidiRequests().at(-1)!.sonic!.audioBytes.reduce((a, b) => a + b, 0), 'every byte the emulator spoke arrived');
  const body = bidiRequests().at(-1)!.body as Array<Record<string, Record<string, unknown>>>;
  const names = body.map(e => Object.keys(e)[0]);
  assert.deepEqual(names.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'closed politely');
  assert.ok(body.filter(e => e.audioInput).every(e => Buffer.from(String(e.audioInput.content), 'base64').length === 1024), '32 ms frames');
  assert.deepEqual(session.history.map(t => t.role), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
});

test('barge-in: speech while the model talks yields the interruption, the turn ends as interrupted, the new turn is answered', async () => {
  emu.scriptFaults(['realtime-audio']);
  emu.scriptReplies(['one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen', 'Sure, go on.']);
  const session = new SonicSession(async () => ctx, { modelId: 'amazon.nova-2-sonic-v1:0' });
  let audioEvents = 0;
  const events = await converse(session, (e, seen) => {
    if (e.type === 'connected') session.sendText('Count for me');
    // the user talks over the answer once its audio is playing
    if (e.type === 'audio' && ++audioEvents === 2) session.sendAudio(utterance(320, 800));
    if (e.type === 'end' && seen.filter(x => x.type === 'end').length === 2) return 'end';
  });
  const kinds = events.map(e => e.type);
  const interrupted = kinds.indexOf('interrupted');
  assert.ok(interrupted > 0, 'the interruption arrived');
  assert.equal(kinds.filter(k => k === 'interrupted').length, 1, 'once, though Sonic signals it twice');
  const firstEnd = events.find(e => e.type === 'end');
  assert.deepEqual(firstEnd, { type: 'end', stopReason: 'INTERRUPTED' });
  const rec = bidiRequests().at(-1)!.sonic!;
  assert.equal(rec.interruptions.length, 1);
  assert.ok(rec.audioBytes[0] < 15 * 120 * 48, 'the answer was cut short');
  const said = finals(events);
  assert.match(said[1], /^assistant: one two/);
  assert.ok(!said[1].includes('fifteen'), `only what was spoken is in the final transcript: ${said[1]}`);
  assert.deepEqual(said.slice(2), ['user: (320 ms of speech)', 'assistant: Sure, go on.']);
});

test('tool use: the toolUse event, the result sent back on the same stream, then the spoken answer', async () => {
  emu.scriptReplies([{ text: 'Let me look.', toolCalls: [{ name: 'read_file', input: { path: 'README.md' } }] }, 'The file has three lines.']);
  const session = new SonicSession(async () => ctx, {
    modelId: 'amazon.nova-2-sonic-v1:0',
    tools: [{ name: 'read_file', description: 'Reads a workspace file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }],
  });
  const events = await converse(session, e => {
    if (e.type === 'connected') session.sendText('What is in the readme?');
    if (e.type === 'toolUse') session.sendToolResult(e.toolUseId, JSON.stringify({ lines: 3 }));
    if (e.type === 'end') return 'end';
  });
  const use = events.find(e => e.type === 'toolUse');
  assert.ok(use && use.type === 'toolUse');
  assert.equal(use.toolName, 'read_file');
  assert.deepEqual(JSON.parse(use.input), { path: 'README.md' });
  assert.deepEqual(finals(events), ['user: What is in the readme?', 'assistant: The file has three lines.']);
  const body = bidiRequests().at(-1)!.body as Array<Record<string, Record<string, unknown>>>;
  const start = body.find(e => e.promptStart)!.promptStart;
  assert.equal((start.toolConfiguration as { tools: unknown[] }).tools.length, 1);
  const result = body.find(e => e.toolResult)!.toolResult;
  assert.equal(result.content, '{"lines":3}');
  const toolStart = body.find(e => e.contentStart?.type === 'TOOL')!.contentStart;
  assert.equal((toolStart.toolResultInputConfiguration as { toolUseId: string }).toolUseId, use.toolUseId);
});

test('the session limit ends the stream: the session reconnects with the conversation so far and keeps going', async () => {
  const seenTurns: ReplyRequest['turns'][] = [];
  emu.setReplyGenerator(req => { seenTurns.push([...req.turns]); return `Answer ${seenTurns.length}.`; });
  emu.scriptFaults(['session-limit:300']);
  const before = bidiRequests().length;
  const session = new SonicSession(async () => ctx, { modelId: 'amazon.nova-sonic-v1:0', system: 'Be brief.' });
  try {
    const events = await converse(session, e => {
      if (e.type === 'connected' && !e.resumed) session.sendText('What is a river?');
      if (e.type === 'connected' && e.resumed) session.sendText('And a lake?');
      if (e.type === 'end' && e.stopReason === 'END_TURN' && seenTurns.length === 2) return 'end';
    });
    const kinds = events.map(e => e.type);
    assert.ok(kinds.includes('reconnecting'), 'the user is told');
    assert.deepEqual(events.filter(e => e.type === 'connected'), [{ type: 'connected', resumed: false, historyTurns: 0 }, { type: 'connected', resumed: true, historyTurns: 2 }]);
    assert.equal(bidiRequests().length - before, 2, 'a second stream');
    const second = bidiRequests().at(-1)!.body as Array<Record<string, Record<string, unknown>>>;
    const texts = second.filter(e => e.textInput).map(e => e.textInput.content);
    assert.deepEqual(texts, ['Be brief.', 'What is a river?', 'Answer 1.', 'And a lake?'], 'system, history, then the new turn');
    assert.deepEqual(seenTurns[1].map(t => `${t.role}: ${t.text}`), ['user: What is a river?', 'assistant: Answer 1.', 'user: And a lake?'], 'the model kept the conversation');
    assert.deepEqual(finals(events), ['user: What is a river?', 'assistant: Answer 1.', 'user: And a lake?', 'assistant: Answer 2.']);
  } finally {
    emu.setReplyGenerator(undefined);
  }
});

test('close to the limit the stream is renewed between answers: closed politely, reopened with the conversation as history', async () => {
  emu.scriptReplies(['One answer.', 'Two answer.']);
  const before = bidiRequests().length;
  const session = new SonicSession(async () => ctx, { modelId: 'amazon.nova-2-sonic-v1:0', renewAfterMs: 0 });
  const events = await converse(session, (e, seen) => {
    if (e.type === 'connected' && !e.resumed) session.sendText('First?');
    if (e.type === 'connected' && e.resumed) session.sendText('Second?');
    if (e.type === 'end' && seen.filter(x => x.type === 'end').length === 2) return 'end';
  });
  assert.deepEqual(events.filter(e => e.type === 'connected' || e.type === 'reconnecting').map(e => e.type), ['connected', 'reconnecting', 'connected']);
  const [first, second] = bidiRequests().slice(before).map(r => (r.body as Array<Record<string, unknown>>).map(e => Object.keys(e)[0]));
  assert.deepEqual(first.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'the first stream was closed politely, not cut');
  assert.ok(second, 'a second stream');
  assert.deepEqual(finals(events), ['user: First?', 'assistant: One answer.', 'user: Second?', 'assistant: Two answer.']);
  const texts = (bidiRequests().at(-1)!.body as Array<Record<string, Record<string, unknown>>>).filter(e => e.textInput).map(e => e.textInput.content);
  assert.deepEqual(texts, ['First?', 'One answer.', 'Second?']);
});

test('a stream that ends at once with the timeout is not retried in a loop: the error reaches the caller', async () => {
  emu.scriptFaults(['session-limit:0']);
  const session = new SonicSession(async () => ctx, { modelId: 'amazon.nova-sonic-v1:0' });
  await assert.rejects(converse(session, () => undefined), (e: Error & { info?: { kind: string } }) => e.info?.kind === 'timeout');
});

test('history for a new stream: at most 40 KB, newest kept, starting with a user turn', () => {
  const big = 'x'.repeat(15_000);
  const turns = [{ role: 'user' as const, text: 'old' }, { role: 'assistant' as const, text: big }, { role: 'user' as const, text: big }, { role: 'assistant' as const, text: big }, { role: 'user' as const, text: 'now' }];
  const kept = trimHistory(turns);
  assert.deepEqual(kept.map(t => t.role), ['user', 'assistant', 'user']);
  assert.equal(kept[2].text, 'now');
});
