import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BedrockRuntimeServiceException, ConverseCommand, ConverseStreamCommand, InternalServerException, ModelNotReadyException,
  ModelStreamErrorException, ServiceUnavailableException, ThrottlingException, type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { runtimeClient, withFault } from './clients';

let emu: Emulator;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.close(); });

const input = { modelId: 'us.amazon.nova-lite-v1:0', messages: [{ role: 'user' as const, content: [{ text: 'Tell me about event streams' }] }] };

async function converseWith(fault: string): Promise<unknown> {
  const client = withFault(runtimeClient(emu), fault);
  try {
    return await client.send(new ConverseCommand(input));
  } finally {
    client.destroy();
  }
}

/** Streams with a fault; returns the events seen and the error that ended the stream, if any. */
async function streamWith(fault: string): Promise<{ events: ConverseStreamOutput[]; error?: unknown; text: string; outputTokens?: number }> {
  const client = withFault(runtimeClient(emu), fault);
  const events: ConverseStreamOutput[] = [];
  let text = '';
  let outputTokens: number | undefined;
  try {
    const out = await client.send(new ConverseStreamCommand(input));
    for await (const ev of out.stream as AsyncIterable<ConverseStreamOutput>) {
      events.push(ev);
      text += ev.contentBlockDelta?.delta?.text ?? '';
      if (ev.metadata) outputTokens = ev.metadata.usage?.outputTokens;
    }
    return { events, text, outputTokens };
  } catch (error) {
    return { events, error, text };
  } finally {
    client.destroy();
  }
}

test('status faults surface as the typed SDK exceptions with $metadata', async () => {
  const cases: Array<[string, new (...args: never[]) => Error, number]> = [
    ['throttling', ThrottlingException, 429],
    ['server-error', InternalServerException, 500],
    ['server-error:503', ServiceUnavailableException, 503],
    ['model-not-ready', ModelNotReadyException, 429],
  ];
  for (const [fault, type, status] of cases) {
    await assert.rejects(converseWith(fault), (e: unknown) => {
      assert.ok(e instanceof type, `${fault} gave ${(e as Error).name}`);
      assert.equal((e as ThrottlingException).$metadata.httpStatusCode, status);
      assert.ok((e as ThrottlingException).$metadata.requestId);
      return true;
    });
  }
  await assert.rejects(converseWith('expired-token'), (e: unknown) => {
    assert.ok(e instanceof BedrockRuntimeServiceException);
    assert.equal(e.name, 'ExpiredTokenException');
    assert.equal(e.$metadata.httpStatusCode, 403);
    assert.equal(e.message, 'The security token included in the request is expired');
    return true;
  });
});

test('model-stream-error:N ends the stream with a typed ModelStreamErrorException after N events', async () => {
  const r = await streamWith('model-stream-error:3');
  assert.equal(r.events.length, 3);
  assert.ok(r.error instanceof ModelStreamErrorException, String(r.error));
  assert.equal(r.error.originalStatusCode, 500);
});

test('stream-cut:N drops the connection after N events', async () => {
  const r = await streamWith('stream-cut:4');
  assert.equal(r.events.length, 4);
  assert.ok(r.error instanceof Error);
});

test('bad-crc:N makes the SDK reject frame N as corrupt', async () => {
  const r = await streamWith('bad-crc:2');
  assert.equal(r.events.length, 2);
  assert.match(String((r.error as Error)?.message), /checksum|crc/i);
});

test('slow-first-byte and tokens-per-second pace the stream; long:N sets the reply length', async () => {
  let t = Date.now();
  await streamWith('slow-first-byte:250');
  assert.ok(Date.now() - t >= 240, 'first byte held back');
  const plain = await streamWith('');
  t = Date.now();
  const paced = await streamWith('tokens-per-second:400');
  const elapsed = Date.now() - t;
  const expected = (plain.outputTokens ?? 0) / 400 * 1000;
  assert.equal(paced.text, plain.text);
  assert.ok(elapsed >= expected * 0.8, `paced ${elapsed} ms for ${plain.outputTokens} tokens`);
  const long = await streamWith('long:5000');
  assert.equal(long.outputTokens, 5000);
});

test('a scripted fault plan applies to the next matching requests, retries included', async () => {
  emu.scriptFaults([{ fault: 'server-error', path: '/converse' }]);
  const client = runtimeClient(emu, { maxAttempts: 2 });
  try {
    const out = await client.send(new ConverseCommand(input));
    assert.equal(out.$metadata.attempts, 2);
    const statuses = emu.requests.filter(r => r.route === 'converse').slice(-2).map(r => r.status);
    assert.deepEqual(statuses, [500, 200]);
  } finally {
    client.destroy();
  }
  emu.scriptFaults(['throttling']);
  await assert.rejects(converseWith(''), ThrottlingException);
});
