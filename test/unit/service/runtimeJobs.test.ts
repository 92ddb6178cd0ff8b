import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockRequestError } from '../../../src/service/errors';
import {
  embed, generateImage, getAsyncInvoke, invokeRaw, listAsyncInvokes, novaReelInput, payloadTemplate, rerank,
  startAsyncInvoke, waitForAsyncInvoke, type RuntimeContext,
} from '../../../src/service/runtime';
import { bearer, sigv4 } from './emulatorRouter';

let emu: Emulator;
let ctx: RuntimeContext;
before(async () => {
  emu = await startEmulator({ asyncJobDurationMs: 300 });
  ctx = { region: emu.region, endpoint: emu.runtimeEndpoint, auth: sigv4(emu) };
});
after(() => emu.close());

/** Asserts a promise rejects with a BedrockRequestError of this kind and returns it. */
async function rejectsWith(p: Promise<unknown>, kind: string): Promise<BedrockRequestError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof BedrockRequestError, `expected a BedrockRequestError, got ${String(e)}`);
    assert.equal(e.info.kind, kind, e.info.detail);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('invokeRaw', () => {
  test('InvokeModel returns the raw body, its JSON and the header token counts', async () => {
    emu.scriptReplies(['Raw hello.']);
    const reply = await invokeRaw(ctx, 'amazon.nova-lite-v1:0', payloadTemplate('nova'));
    const json = reply.json as { output: { message: { content: Array<{ text: string }> } } };
    assert.equal(json.output.message.content[0].text, 'Raw hello.');
    assert.equal(JSON.parse(reply.text).output.message.content[0].text, 'Raw hello.');
    assert.ok(reply.usage && reply.usage.inputTokens > 0 && reply.usage.outputTokens > 0);
    assert.equal(reply.headers['x-amzn-bedrock-output-token-count'], String(reply.usage.outputTokens));
  });

  test('InvokeModelWithResponseStream yields each decoded chunk as it arrives', async () => {
    emu.scriptReplies(['One two three four.']);
    const stream = await invokeRaw(ctx, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', payloadTemplate('anthropic', true), { stream: true });
    const types: string[] = [];
    let text = '';
    for await (const c of stream.chunks) {
      const j = c.json as { type: string; delta?: { text?: string } };
      types.push(j.type);
      text += j.delta?.text ?? '';
      assert.deepEqual(JSON.parse(c.text), c.json);
    }
    assert.equal(types[0], 'message_start');
    assert.equal(types.at(-1), 'message_stop');
    assert.equal(text, 'One two three four.');
  });

  test('a body string is sent verbatim and a rejected body maps to a validation error', async () => {
    const e = await rejectsWith(invokeRaw(ctx, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '{"max_tokens": 10, "messages": []}'), 'validation');
    assert.match(e.info.message, /anthropic_version/);
  });

  test('an unknown model is the invalid-model error', async () => {
    await rejectsWith(invokeRaw(ctx, 'acme.nonexistent-v9:0', { prompt: 'hi' }), 'invalid-model');
    await rejectsWith(invokeRaw(ctx, 'acme.nonexistent-v9:0', { prompt: 'hi' }, { stream: true }), 'invalid-model');
  });

  test('an aborted signal stops the call with the aborted error', async () => {
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(invokeRaw(ctx, 'amazon.nova-lite-v1:0', payloadTemplate('nova'), { signal: ac.signal }), 'aborted');
  });

  test('aborting a raw stream mid-way ends the chunks with the aborted error', async () => {
    emu.scriptFaults([{ fault: 'long:5000,tokens-per-second:200', path: 'invoke-with-response-stream' }]);
    const ac = new AbortController();
    const started = Date.now();
    const stream = await invokeRaw(ctx, 'meta.llama3-1-8b-instruct-v1:0', payloadTemplate('llama', true), { stream: true, signal: ac.signal });
    let n = 0;
    await rejectsWith((async () => { for await (const _ of stream.chunks) if (++n === 3) ac.abort(); })(), 'aborted');
    assert.equal(n, 3, 'no chunks after the abort');
    assert.ok(Date.now() - started < 2000);
  });

  test('works with a Bedrock API key too (bearer)', async () => {
    emu.scriptReplies(['Keyed.']);
    const reply = await invokeRaw({ ...ctx, auth: bearer(emu) }, 'meta.llama3-1-8b-instruct-v1:0', payloadTemplate('llama'));
    assert.equal((reply.json as { generation: string }).generation, 'Keyed.');
    assert.equal(emu.requests.at(-1)?.auth, 'bearer');
  });
});

describe('embeddings, rerank, image', () => {
  test('Titan v2 embeddings have the requested fixed dimension, one vector per text', async () => {
    const r = await embed(ctx, ['alpha', 'beta', 'alpha'], 'amazon.titan-embed-text-v2:0');
    assert.equal(r.vectors.length, 3);
    assert.equal(r.dimensions, 1024);
    assert.ok(r.vectors.every(v => v.length === 1024));
    assert.deepEqual(r.vectors[0], r.vectors[2]);
    assert.notDeepEqual(r.vectors[0], r.vectors[1]);
    assert.ok((r.inputTokens ?? 0) > 0);
    const small = await embed(ctx, ['alpha'], 'amazon.titan-embed-text-v2:0', { dimensions: 256 });
    assert.equal(small.dimensions, 256);
  });

  test('Cohere embeddings come back in input order, 1024 dimensions', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `text number ${i}`);
    const r = await embed(ctx, texts, 'cohere.embed-english-v3');
    assert.equal(r.vectors.length, 100, 'two batches (96 + 4) joined');
    assert.ok(r.vectors.every(v => v.length === 1024));
    const one = await embed(ctx, ['text number 99'], 'cohere.embed-english-v3');
    assert.deepEqual(one.vectors[0], r.vectors[99]);
  });

  test('embed refuses a chat model before sending anything', async () => {
    const before = emu.requests.length;
    await rejectsWith(embed(ctx, ['x'], 'amazon.nova-lite-v1:0'), 'validation');
    assert.equal(emu.requests.length, before);
  });

  test('rerank returns document indexes ordered by relevance, best first', async () => {
    const docs = ['Rivers flow to the sea.', 'Amazon Bedrock serves foundation models through one API.', 'A recipe for lemon cake.', 'Bedrock foundation models include Nova and Claude.'];
    const ranked = await rerank(ctx, 'Which foundation models does Amazon Bedrock serve?', docs, 'cohere.rerank-v3-5:0');
    assert.deepEqual(ranked.map(r => r.index).sort(), [0, 1, 2, 3]);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score);
    assert.ok([1, 3].includes(ranked[0].index), `best: ${ranked[0].document}`);
    assert.equal(ranked[0].document, docs[ranked[0].index]);
    const top2 = await rerank(ctx, 'lemon cake recipe', docs, 'cohere.rerank-v3-5:0', { topN: 2 });
    assert.equal(top2.length, 2);
    assert.equal(top2[0].index, 2);
    assert.equal((emu.requests.at(-1)?.body as { api_version: number }).api_version, 2);
  });

  test('Nova Canvas gives a valid PNG of the requested size', async () => {
    const png = await generateImage(ctx, 'A lighthouse at dawn', 'amazon.nova-canvas-v1:0', { width: 320, height: 192 });
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    assert.equal(String.fromCharCode(...png.subarray(12, 16)), 'IHDR');
    assert.equal(view.getUint32(8), 13, 'IHDR length');
    assert.equal(view.getUint32(16), 320);
    assert.equal(view.getUint32(20), 192);
  });
});

describe('async invoke (video jobs)', () => {
  test('a Nova Reel job goes InProgress → Completed and is listed', async () => {
    const arn = await startAsyncInvoke(ctx, 'amazon.nova-reel-v1:0', novaReelInput('Waves at night'), 's3://my-videos/reel', { clientRequestToken: `t-${Date.now()}` });
    assert.match(arn, /^arn:aws:bedrock:us-east-1:\d+:async-invoke\//);
    const first = await getAsyncInvoke(ctx, arn);
    assert.equal(first.status, 'InProgress');
    let job = first;
    for (let i = 0; i < 60 && job.status === 'InProgress'; i++) {
      await new Promise(r => setTimeout(r, 25));
      job = await getAsyncInvoke(ctx, arn);
    }
    assert.equal(job.status, 'Completed');
    assert.ok(job.endTime instanceof Date);
    assert.match(job.outputS3Uri ?? '', /^s3:\/\/my-videos\/reel\//);
    const listed = await listAsyncInvokes(ctx);
    assert.ok(listed.some(j => j.invocationArn === arn && j.status === 'Completed'));
    const completed = await listAsyncInvokes(ctx, { statusEquals: 'Completed' });
    assert.ok(completed.every(j => j.status === 'Completed'));
  });

  test('waitForAsyncInvoke reports each status and ends on completion', async () => {
    const arn = await startAsyncInvoke(ctx, 'amazon.nova-reel-v1:0', novaReelInput('Clouds'), 's3://my-videos/reel');
    const seen: string[] = [];
    const job = await waitForAsyncInvoke(ctx, arn, { intervalMs: 25, onStatus: j => seen.push(j.status) });
    assert.equal(job.status, 'Completed');
    assert.equal(seen[0], 'InProgress');
    assert.equal(seen.at(-1), 'Completed');
  });

  test('waiting on a job stops when the signal aborts', async () => {
    const arn = await startAsyncInvoke(ctx, 'amazon.nova-reel-v1:0', novaReelInput('Slow'), 's3://my-videos/reel');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await rejectsWith(waitForAsyncInvoke({ ...ctx, signal: ac.signal }, arn, { intervalMs: 10_000 }), 'aborted');
  });

  test('a job for a model without async support is refused by Bedrock', async () => {
    await rejectsWith(startAsyncInvoke(ctx, 'amazon.nova-lite-v1:0', novaReelInput('x'), 's3://my-videos/reel'), 'validation');
  });
});
