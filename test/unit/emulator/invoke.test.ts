import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { BedrockRuntimeClient, InvokeModelCommand, InvokeModelWithResponseStreamCommand, ValidationException, type ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

let emu: Emulator;
let client: BedrockRuntimeClient;
before(async () => { emu = await startEmulator(); client = runtimeClient(emu); });
after(async () => { client.destroy(); await emu.close(); });

async function invoke(modelId: string, body: unknown): Promise<Record<string, unknown>> {
  const out = await client.send(new InvokeModelCommand({ modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }));
  return JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown>;
}

async function invokeStream(modelId: string, body: unknown): Promise<Array<Record<string, unknown>>> {
  const out = await client.send(new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) }));
  const chunks: Array<Record<string, unknown>> = [];
  for await (const ev of out.body as AsyncIterable<ResponseStream>) {
    if (ev.chunk?.bytes) chunks.push(JSON.parse(new TextDecoder().decode(ev.chunk.bytes)) as Record<string, unknown>);
  }
  return chunks;
}

test('InvokeModel speaks the Anthropic native body on the Claude inference profile', async () => {
  const res = await invoke('us.anthropic.claude-sonnet-4-5-20250929-v1:0', {
    anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [{ role: 'user', content: [{ type: 'text', text: 'Write hello world in Go' }] }],
  });
  assert.equal(res.type, 'message');
  assert.match(String(res.id), /^msg_bdrk_/);
  const content = res.content as Array<{ type: string; text: string }>;
  assert.match(content[0].text, /Write hello world in Go/);
  assert.equal((res.usage as { input_tokens: number }).input_tokens > 0, true);
});

test('InvokeModelWithResponseStream on Claude yields Anthropic events ending with invocation metrics', async () => {
  const chunks = await invokeStream('us.anthropic.claude-sonnet-4-5-20250929-v1:0', {
    anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [{ role: 'user', content: 'stream please' }],
  });
  assert.equal(chunks[0].type, 'message_start');
  assert.equal(chunks.at(-1)?.type, 'message_stop');
  const metrics = chunks.at(-1)?.['amazon-bedrock-invocationMetrics'] as { outputTokenCount: number };
  assert.ok(metrics.outputTokenCount > 0);
  const text = chunks.filter(c => c.type === 'content_block_delta').map(c => (c.delta as { text: string }).text).join('');
  assert.match(text, /You asked: "stream please"/);
});

test('InvokeModel on Nova (messages-v1) and its stream agree', async () => {
  const body = { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'List three colours' }] }], inferenceConfig: { maxTokens: 300 } };
  const res = await invoke('amazon.nova-lite-v1:0', body);
  const text = ((res.output as { message: { content: Array<{ text: string }> } }).message.content[0].text);
  const chunks = await invokeStream('us.amazon.nova-lite-v1:0', body);
  const streamed = chunks.map(c => (c.contentBlockDelta as { delta?: { text?: string } } | undefined)?.delta?.text ?? '').join('');
  assert.equal(streamed, text);
  assert.ok(chunks.at(-1)?.['amazon-bedrock-invocationMetrics']);
});

test('InvokeModel on Llama and Mistral uses their native bodies', async () => {
  const llama = await invoke('meta.llama3-1-8b-instruct-v1:0', {
    prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is Rust?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n', max_gen_len: 512,
  });
  assert.match(String(llama.generation), /You asked: "What is Rust\?"/);
  assert.equal(llama.stop_reason, 'stop');
  assert.ok(Number(llama.prompt_token_count) > 0 && Number(llama.generation_token_count) > 0);
  const mistral = await invoke('mistral.mistral-large-2407-v1:0', { prompt: '<s>[INST] Define a monad [/INST]', max_tokens: 400 });
  const outputs = mistral.outputs as Array<{ text: string; stop_reason: string }>;
  assert.match(outputs[0].text, /Define a monad/);
  assert.equal(outputs[0].stop_reason, 'stop');
  const chunks = await invokeStream('meta.llama3-1-8b-instruct-v1:0', { prompt: 'Hi there', max_gen_len: 5 });
  assert.equal(chunks.at(-1)?.stop_reason, 'length');
});

test('Embeddings have a fixed dimension, are deterministic and normalised', async () => {
  const a = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 512 });
  const b = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 512 });
  const v = a.embedding as number[];
  assert.equal(v.length, 512);
  assert.deepEqual(v, b.embedding);
  assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-9);
  assert.equal(a.inputTextTokenCount, 2);
  const def = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'x' });
  assert.equal((def.embedding as number[]).length, 1024);
  const cohere = await invoke('cohere.embed-english-v3', { texts: ['a', 'b'], input_type: 'search_document' });
  assert.equal((cohere.embeddings as number[][]).length, 2);
  assert.equal((cohere.embeddings as number[][])[0].length, 1024);
});

test('Cohere Rerank ranks the overlapping document first', async () => {
  const res = await invoke('cohere.rerank-v3-5:0', { query: 'capital of France', documents: ['Bananas are yellow', 'Paris is the capital of France', 'Rust is a language'], top_n: 2, api_version: 2 });
  const results = res.results as Array<{ index: number; relevance_score: number }>;
  assert.equal(results.length, 2);
  assert.equal(results[0].index, 1);
  assert.ok(results[0].relevance_score > results[1].relevance_score);
});

test('Nova Canvas returns a valid PNG of the requested size', async () => {
  const res = await invoke('amazon.nova-canvas-v1:0', { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lighthouse' }, imageGenerationConfig: { numberOfImages: 1, width: 320, height: 192 } });
  const png = Buffer.from((res.images as string[])[0], 'base64');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 320);
  assert.equal(png.readUInt32BE(20), 192);
  const idatLen = png.readUInt32BE(33);
  assert.equal(png.subarray(37, 41).toString('ascii'), 'IDAT');
  assert.equal(inflateSync(png.subarray(41, 41 + idatLen)).length, (320 * 3 + 1) * 192);
});

test('Unknown model ids get the real ValidationException; base Claude ids need a profile', async () => {
  await assert.rejects(invoke('amazon.nova-ultra-v9:0', { messages: [] }), (e: unknown) => {
    assert.ok(e instanceof ValidationException);
    assert.equal(e.message, 'The provided model identifier is invalid.');
    assert.equal(e.$metadata.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(invoke('anthropic.claude-sonnet-4-5-20250929-v1:0', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [] }),
    (e: unknown) => e instanceof ValidationException && /on-demand throughput isn.t supported/.test(e.message));
});

test('gpt-oss InvokeModel puts reasoning inside <reasoning> tags; Mistral chat-style streams whole messages', async () => {
  const gpt = await invoke('openai.gpt-oss-120b-1:0', { messages: [{ role: 'user', content: 'Why is the sky blue?' }], reasoning_effort: 'low', max_completion_tokens: 800 });
  const content = ((gpt.choices as Array<{ message: { content: string } }>)[0].message.content);
  assert.match(content, /^<reasoning>.+<\/reasoning>You asked: "Why is the sky blue\?"/s);
  const chunks = await invokeStream('mistral.mistral-large-2407-v1:0', { messages: [{ role: 'user', content: 'Name a fruit' }], max_tokens: 300 });
  const choices = chunks.map(c => (c.choices as Array<{ message: { content: string }; stop_reason: string | null }>)[0]);
  assert.match(choices.map(c => c.message.content).join(''), /You asked: "Name a fruit"/);
  assert.equal(choices.at(-1)?.stop_reason, 'stop');
  assert.ok(chunks.at(-1)?.['amazon-bedrock-invocationMetrics']);
});
