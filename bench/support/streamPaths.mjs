// The two ways to stream one reply for each of the four streaming API styles: the SDK called directly, as an app
// would, and the extension's full service path (BedrockService → router → driver → normalised events). Both sign with
// SigV4 using the same credentials, hit the same emulator and report the same timings, measured from the call to
// the first text delta and to the end of the stream.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BedrockRuntimeClient, ConverseStreamCommand } = require('@aws-sdk/client-bedrock-runtime');
const OpenAI = require('openai').default;
const { bedrock } = require('openai/providers/bedrock/aws');
const { AnthropicBedrockMantle } = require('@anthropic-ai/bedrock-sdk');
const { BedrockService } = require('../../out/src/service/bedrockService.js');
const { SECRET_KEYS } = require('../../out/src/service/credentials/sources.js');

/** `path`: what the style's request path contains, to aim emulator faults at it. */
export const STYLES = [
  { style: 'converse-stream', label: 'ConverseStream', model: 'us.amazon.nova-lite-v1:0', path: '/converse-stream' },
  { style: 'chat-completions', label: 'Chat Completions stream', model: 'openai.gpt-oss-120b', path: '/chat/completions' },
  { style: 'responses', label: 'Responses stream', model: 'openai.gpt-oss-120b', path: '/responses' },
  { style: 'messages', label: 'Messages stream', model: 'anthropic.claude-sonnet-4-5', path: '/messages' },
];

/**
 * Times one stream: `deltas` yields text pieces; returns ms to the first non-empty one and to the end, characters,
 * and this process's CPU time from the call to the end (the client's own work: the emulator runs elsewhere).
 */
async function timed(start, cpuStart, deltas) {
  let firstMs;
  let chars = 0;
  for await (const text of deltas) {
    if (!text) continue;
    firstMs ??= performance.now() - start;
    chars += text.length;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { firstMs, totalMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, chars };
}

/**
 * Raw SDK clients, made once (as a long-running app would), for the emulator `emu`. Each path takes the model, the
 * prompt and optionally a maximum reply length in tokens.
 */
export function rawPaths(emu) {
  const credentials = { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey };
  const runtime = new BedrockRuntimeClient({ region: emu.region, endpoint: emu.runtimeEndpoint, credentials });
  const openai = new OpenAI({ provider: bedrock({ endpoint: 'mantle', region: emu.region, baseURL: `${emu.mantleEndpoint}/openai/v1`, ...credentials }) });
  const anthropic = new AnthropicBedrockMantle({ awsRegion: emu.region, baseURL: `${emu.mantleEndpoint}/anthropic`,
    awsAccessKey: emu.accessKeyId, awsSecretAccessKey: emu.secretAccessKey });
  return {
    'converse-stream': async (model, prompt, maxTokens) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const res = await runtime.send(new ConverseStreamCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: prompt }] }],
        ...(maxTokens ? { inferenceConfig: { maxTokens } } : {}) }));
      return timed(start, cpu, (async function* () { for await (const e of res.stream) yield e.contentBlockDelta?.delta?.text; })());
    },
    'chat-completions': async (model, prompt, maxTokens) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const stream = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }], stream: true, stream_options: { include_usage: true },
        ...(maxTokens ? { max_tokens: maxTokens } : {}) });
      return timed(start, cpu, (async function* () { for await (const c of stream) yield c.choices[0]?.delta?.content; })());
    },
    responses: async (model, prompt, maxTokens) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const stream = await openai.responses.create({ model, input: prompt, stream: true, ...(maxTokens ? { max_output_tokens: maxTokens } : {}) });
      return timed(start, cpu, (async function* () { for await (const e of stream) if (e.type === 'response.output_text.delta') yield e.delta; })());
    },
    messages: async (model, prompt, maxTokens) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const stream = await anthropic.messages.create({ model, max_tokens: maxTokens ?? 4096, messages: [{ role: 'user', content: prompt }], stream: true });
      return timed(start, cpu, (async function* () { for await (const e of stream) if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') yield e.delta.text; })());
    },
  };
}

/** The extension's service, configured as a user signed in with access keys would have it. */
export function servicePath(emu) {
  const secrets = new Map([[SECRET_KEYS.accessKeyId, emu.accessKeyId], [SECRET_KEYS.secretAccessKey, emu.secretAccessKey]]);
  const config = {
    region: emu.region, endpointFamily: 'auto', credentials: { kind: 'access-keys' },
    endpoints: { runtime: emu.runtimeEndpoint, mantle: emu.mantleEndpoint, control: emu.runtimeEndpoint },
  };
  const service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined });
  return async (style, model, prompt, maxTokens) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const events = service.stream({ model, apiStyle: style, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
      ...(maxTokens ? { params: { maxTokens } } : {}) }, new AbortController().signal);
    return timed(start, cpu, (async function* () {
      for await (const e of events) {
        if (e.type === 'error') throw new Error(`${style}: ${e.error.message}`);
        if (e.type === 'text') yield e.text;
      }
    })());
  };
}
