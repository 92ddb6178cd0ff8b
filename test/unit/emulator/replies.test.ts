import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type ReplyRequest } from '../../../emulator/index';
import { runtimeClient } from './clients';

test('replies are deterministic per prompt and differ between prompts', async () => {
  const emu = await startEmulator();
  const openai = new OpenAI({ baseURL: `${emu.mantleEndpoint}/v1`, apiKey: emu.apiKey, maxRetries: 0 });
  try {
    const ask = async (content: string): Promise<string> =>
      (await openai.chat.completions.create({ model: 'openai.gpt-oss-20b', messages: [{ role: 'user', content }] })).choices[0].message.content ?? '';
    assert.equal(await ask('alpha question'), await ask('alpha question'));
    assert.notEqual(await ask('alpha question'), await ask('beta question'));
  } finally {
    await emu.close();
  }
});

test('scripted replies come first (options and scriptReplies), then a per-test generator, then the default', async () => {
  const emu = await startEmulator({ replies: ['from options'] });
  const client = runtimeClient(emu);
  const seen: ReplyRequest[] = [];
  const converse = async (text: string): Promise<string> => {
    const out = await client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', system: [{ text: 'Be terse.' }], messages: [{ role: 'user', content: [{ text }] }] }));
    return out.output?.message?.content?.[0]?.text ?? '';
  };
  try {
    emu.scriptReplies(['from scriptReplies']);
    assert.equal(await converse('one'), 'from options');
    assert.equal(await converse('two'), 'from scriptReplies');
    emu.setReplyGenerator(req => { seen.push(req); return `generated for ${req.api}: ${req.lastUserText.toUpperCase()}`; });
    assert.equal(await converse('three'), 'generated for converse: THREE');
    assert.equal(seen[0].system, 'Be terse.');
    assert.equal(seen[0].modelId, 'amazon.nova-lite-v1:0');
    emu.setReplyGenerator(undefined);
    assert.match(await converse('four'), /You asked: "four"/);
  } finally {
    client.destroy();
    await emu.close();
  }
});

test('stream faults on SSE routes: bad-crc sends unparseable data, stream-cut drops the connection', async () => {
  const emu = await startEmulator();
  const client = (fault: string): OpenAI => new OpenAI({ baseURL: `${emu.mantleEndpoint}/v1`, apiKey: emu.apiKey, maxRetries: 0, defaultHeaders: { 'x-emulator-fault': fault } });
  const drain = async (fault: string): Promise<{ chunks: number; error?: unknown }> => {
    let chunks = 0;
    try {
      const s = await client(fault).chat.completions.create({ model: 'openai.gpt-oss-120b', messages: [{ role: 'user', content: 'x' }], stream: true });
      for await (const _ of s) chunks++;
      return { chunks };
    } catch (error) {
      return { chunks, error };
    }
  };
  try {
    const corrupt = await drain('bad-crc:3');
    assert.equal(corrupt.chunks, 3);
    assert.ok(corrupt.error instanceof Error);
    const cut = await drain('stream-cut:2');
    assert.equal(cut.chunks, 2);
    assert.ok(cut.error instanceof Error);
  } finally {
    await emu.close();
  }
});

test('strictRoutes refuses Claude on chat completions with mantle\'s wording', async () => {
  const emu = await startEmulator({ strictRoutes: true });
  const openai = new OpenAI({ baseURL: `${emu.mantleEndpoint}/v1`, apiKey: emu.apiKey, maxRetries: 0 });
  try {
    await assert.rejects(openai.chat.completions.create({ model: 'anthropic.claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && /does not support the '\/v1\/chat\/completions' API/.test(e.message));
  } finally {
    await emu.close();
  }
});
