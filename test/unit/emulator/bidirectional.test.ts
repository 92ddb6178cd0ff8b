import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import * as http2 from 'node:http2';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { InvokeModelWithBidirectionalStreamCommand, type InvokeModelWithBidirectionalStreamInput, type InvokeModelWithBidirectionalStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

type SonicEvent = Record<string, Record<string, unknown>>;

function chunk(event: SonicEvent): InvokeModelWithBidirectionalStreamInput {
  return { chunk: { bytes: new TextEncoder().encode(JSON.stringify({ event })) } };
}

test('Nova Sonic bidirectional stream over HTTP/2: text and PCM audio come back while input is still open', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu);
  const promptName = randomUUID();
  let turnDone: () => void = () => undefined;
  const answered = new Promise<void>(resolve => { turnDone = resolve; });
  async function* input(): AsyncGenerator<InvokeModelWithBidirectionalStreamInput> {
    yield chunk({ sessionStart: { inferenceConfiguration: { maxTokens: 1024, topP: 0.9, temperature: 0.7 } } });
    yield chunk({ promptStart: { promptName, textOutputConfiguration: { mediaType: 'text/plain' }, audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: 24000, sampleSizeBits: 16, channelCount: 1, voiceId: 'matthew', encoding: 'base64', audioType: 'SPEECH' } } });
    const sys = randomUUID();
    yield chunk({ contentStart: { promptName, contentName: sys, type: 'TEXT', interactive: false, role: 'SYSTEM', textInputConfiguration: { mediaType: 'text/plain' } } });
    yield chunk({ textInput: { promptName, contentName: sys, content: 'You are a friendly assistant.' } });
    yield chunk({ contentEnd: { promptName, contentName: sys } });
    const audio = randomUUID();
    yield chunk({ contentStart: { promptName, contentName: audio, type: 'AUDIO', interactive: true, role: 'USER', audioInputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: 16000, sampleSizeBits: 16, channelCount: 1, audioType: 'SPEECH', encoding: 'base64' } } });
    for (let i = 0; i < 5; i++) yield chunk({ audioInput: { promptName, contentName: audio, content: Buffer.alloc(1024).toString('base64') } });
    yield chunk({ contentEnd: { promptName, contentName: audio } });
    await answered; // keep the request open until the model has answered, as a live session does
    yield chunk({ promptEnd: { promptName } });
    yield chunk({ sessionEnd: {} });
  }
  try {
    const out = await client.send(new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body: input() }));
    const names: string[] = [];
    let audioBytes = 0;
    const texts: Array<{ role: unknown; content: unknown }> = [];
    for await (const part of out.body as AsyncIterable<InvokeModelWithBidirectionalStreamOutput>) {
      const bytes = part.chunk?.bytes;
      if (!bytes) continue;
      const event = (JSON.parse(new TextDecoder().decode(bytes)) as { event: SonicEvent }).event;
      const [name, value] = Object.entries(event)[0];
      names.push(name);
      if (name === 'audioOutput') audioBytes += Buffer.from(String(value.content), 'base64').length;
      if (name === 'textOutput') texts.push({ role: value.role, content: value.content });
      if (name === 'completionEnd') turnDone();
    }
    assert.equal(names[0], 'completionStart');
    assert.equal(names.at(-1), 'completionEnd');
    assert.ok(names.includes('usageEvent'));
    assert.ok(audioBytes > 0 && audioBytes % 2 === 0, 'whole 16-bit samples');
    assert.equal(texts[0].role, 'USER');
    assert.match(String(texts[0].content), /ms of speech/);
    assert.equal(texts.at(-1)?.role, 'ASSISTANT');
    const rec = emu.requests.at(-1);
    assert.equal(rec?.httpVersion, '2.0');
    assert.equal(rec?.auth, 'sigv4');
    assert.equal((rec?.body as unknown[]).length, 14);
  } finally {
    client.destroy();
    await emu.close();
  }
});

test('the bidirectional stream refuses API keys, as Bedrock does', async () => {
  const emu = await startEmulator();
  const client = runtimeClient(emu, { token: { token: emu.apiKey }, authSchemePreference: ['httpBearerAuth'] });
  async function* input(): AsyncGenerator<InvokeModelWithBidirectionalStreamInput> { yield chunk({ sessionEnd: {} }); }
  try {
    await assert.rejects(client.send(new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body: input() })),
      (e: unknown) => (e as { name: string; $metadata: { httpStatusCode: number } }).name === 'AccessDeniedException' && (e as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode === 403);
  } finally {
    client.destroy();
    await emu.close();
  }
});

test('a bidirectional event whose chunk signature breaks the chain ends the stream with a validationException frame', async () => {
  const emu = await startEmulator();
  const url = new URL(`${emu.runtimeEndpoint}/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream`);
  const signer = new SignatureV4({ credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey }, region: emu.region, service: 'bedrock', sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {},
    headers: { host: url.host, 'content-type': 'application/vnd.amazon.eventstream', 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS' },
  });
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const inner = codec.encode({
    headers: { ':event-type': { type: 'string', value: 'chunk' }, ':content-type': { type: 'string', value: 'application/json' }, ':message-type': { type: 'string', value: 'event' } },
    body: fromUtf8(JSON.stringify({ bytes: Buffer.from(JSON.stringify({ event: { sessionStart: {} } })).toString('base64') })),
  });
  const forged = codec.encode({ headers: { ':date': { type: 'timestamp', value: new Date() }, ':chunk-signature': { type: 'binary', value: new Uint8Array(32).fill(7) } }, body: inner });
  const session = http2.connect(emu.runtimeEndpoint);
  try {
    const headers = { ...signed.headers } as Record<string, string>;
    delete headers.host;
    const req = session.request({ ':method': 'POST', ':path': url.pathname, ...headers });
    req.end(Buffer.from(forged));
    const [response] = await once(req, 'response') as [http2.IncomingHttpHeaders];
    assert.equal(response[':status'], 200);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const frame = codec.decode(Buffer.concat(chunks));
    assert.equal(frame.headers[':message-type']?.value, 'exception');
    assert.equal(frame.headers[':exception-type']?.value, 'validationException');
    assert.equal(emu.requests.at(-1)?.auth, 'sigv4');
  } finally {
    session.close();
    await emu.close();
  }
});
