import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

test('Converse answers through the real SDK over its default HTTP/2 handler', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu);
  try {
    const out = await client.send(new ConverseCommand({
      modelId: 'us.amazon.nova-lite-v1:0',
      messages: [{ role: 'user', content: [{ text: 'How do I reverse a list in Python?' }] }],
    }));
    const text = out.output?.message?.content?.[0]?.text ?? '';
    assert.match(text, /You asked: "How do I reverse a list in Python\?"/);
    assert.match(text, /```\w+\n/);
    assert.equal(out.stopReason, 'end_turn');
    assert.ok((out.usage?.inputTokens ?? 0) > 5);
    assert.equal(out.usage?.totalTokens, (out.usage?.inputTokens ?? 0) + (out.usage?.outputTokens ?? 0));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(emu.requests.at(-1)?.route, 'converse');
    assert.equal(emu.requests.at(-1)?.httpVersion, '2.0');
    assert.equal(emu.requests.at(-1)?.auth, 'sigv4');
    assert.equal(emu.requests.at(-1)?.headers.authorization, undefined);
  } finally {
    client.destroy();
    await emu.close();
  }
});

test('ConverseStream delivers the event sequence and the text equals the Converse answer', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu);
  try {
    const input = { modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user' as const, content: [{ text: 'Explain closures' }] }] };
    const whole = await client.send(new ConverseCommand(input));
    const out = await client.send(new ConverseStreamCommand(input));
    const types: string[] = [];
    let text = '';
    let usage: { inputTokens?: number; outputTokens?: number } | undefined;
    for await (const ev of out.stream as AsyncIterable<ConverseStreamOutput>) {
      const type = Object.keys(ev).find(k => (ev as unknown as Record<string, unknown>)[k] !== undefined) ?? '';
      if (types.at(-1) !== type) types.push(type);
      if (ev.contentBlockDelta?.delta?.text) text += ev.contentBlockDelta.delta.text;
      if (ev.metadata) usage = ev.metadata.usage;
    }
    assert.deepEqual(types, ['messageStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);
    assert.equal(text, whole.output?.message?.content?.[0]?.text);
    assert.equal(usage?.outputTokens, whole.usage?.outputTokens);
  } finally {
    client.destroy();
    await emu.close();
  }
});
