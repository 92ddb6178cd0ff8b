import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

const CLI = path.join(__dirname, '..', '..', '..', 'emulator', 'cli.js');

test('the CLI prints one JSON line, honours BEDROCK_EMULATOR_REPLIES, serves the unmodified SDKs and stops on SIGTERM', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emu-'));
  const file = path.join(dir, 'replies.json');
  writeFileSync(file, JSON.stringify(['First scripted **reply**.', 'Second scripted reply.']));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--json'], { env: { ...process.env, BEDROCK_EMULATOR_REPLIES: file }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const lines = createInterface({ input: child.stdout });
    const [first] = await once(lines, 'line') as [string];
    const info = JSON.parse(first) as Record<string, string>;
    assert.deepEqual(Object.keys(info), ['region', 'runtimeEndpoint', 'mantleEndpoint', 'accessKeyId', 'secretAccessKey', 'apiKey']);
    const openai = new OpenAI({ baseURL: `${info.mantleEndpoint}/v1`, apiKey: info.apiKey, maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: 'openai.gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(chat.choices[0].message.content, 'First scripted **reply**.');
    const anthropic = new Anthropic({ baseURL: `${info.mantleEndpoint}/anthropic`, apiKey: info.apiKey, maxRetries: 0 });
    const msg = await anthropic.messages.create({ model: 'anthropic.claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(msg.content, [{ type: 'text', text: 'Second scripted reply.' }]);
    const aws = new BedrockRuntimeClient({ region: info.region, endpoint: info.runtimeEndpoint, credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey } });
    const out = await aws.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'after the script' }] }] }));
    assert.match(out.output?.message?.content?.[0]?.text ?? '', /You asked: "after the script"/);
    aws.destroy();
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await once(child, 'exit') as [number | null];
  assert.equal(code, 0);
});

test('without --json the CLI prints the endpoints and credentials for people', async () => {
  const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const lines = createInterface({ input: child.stdout });
    const seen: string[] = [];
    for await (const line of lines) {
      seen.push(line);
      if (line.includes('API key')) break;
    }
    const text = seen.join('\n');
    assert.match(text, /runtime endpoint : http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /mantle endpoint {2}: http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /API key \(bearer\) : bedrock-api-key-/);
  } finally {
    child.kill('SIGINT');
  }
  const [code] = await once(child, 'exit') as [number | null];
  assert.equal(code, 0);
});
