import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
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

test('Converse tool use and reasoning: typed blocks in Converse, start/delta/stop in ConverseStream', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu);
  try {
    const input = {
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      messages: [{ role: 'user' as const, content: [{ text: 'What is the weather in Lima?' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } }] },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    };
    const out = await client.send(new ConverseCommand(input));
    assert.equal(out.stopReason, 'tool_use');
    const blocks = out.output?.message?.content ?? [];
    assert.ok(blocks[0].reasoningContent?.reasoningText?.text);
    const use = blocks.find(b => b.toolUse)?.toolUse;
    assert.equal(use?.name, 'get_weather');
    assert.deepEqual(Object.keys(use?.input as object), ['city']);
    const stream = await client.send(new ConverseStreamCommand(input));
    let toolInput = '';
    let started: { toolUseId?: string; name?: string } | undefined;
    let reasoning = '';
    for await (const ev of stream.stream as AsyncIterable<ConverseStreamOutput>) {
      if (ev.contentBlockStart?.start?.toolUse) started = ev.contentBlockStart.start.toolUse;
      toolInput += ev.contentBlockDelta?.delta?.toolUse?.input ?? '';
      reasoning += ev.contentBlockDelta?.delta?.reasoningContent?.text ?? '';
    }
    assert.equal(started?.toolUseId, use?.toolUseId);
    assert.deepEqual(JSON.parse(toolInput), use?.input);
    assert.equal(reasoning, blocks[0].reasoningContent?.reasoningText?.text);
    const answered = await client.send(new ConverseCommand({
      ...input,
      messages: [...input.messages, { role: 'assistant', content: blocks }, { role: 'user', content: [{ toolResult: { toolUseId: use?.toolUseId, content: [{ json: { tempC: 19 } }] } }] }],
    }));
    assert.equal(answered.stopReason, 'end_turn');
    assert.match(answered.output?.message?.content?.find(b => b.text)?.text ?? '', /The tool returned: \{"tempC":19\}/);
  } finally {
    client.destroy();
    await emu.close();
  }
});

test('the runtime listener also serves the SDK over HTTP/1.1 (NodeHttpHandler)', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu, { requestHandler: new NodeHttpHandler() });
  try {
    const out = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'over http/1.1' }] }] }));
    let text = '';
    for await (const ev of out.stream as AsyncIterable<ConverseStreamOutput>) text += ev.contentBlockDelta?.delta?.text ?? '';
    assert.match(text, /over http\/1\.1/);
    assert.equal(emu.requests.at(-1)?.httpVersion, '1.1');
  } finally {
    client.destroy();
    await emu.close();
  }
});
