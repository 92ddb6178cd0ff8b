import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockRequest, ContentPart, StreamEvent, Usage } from '../../../model';
import { stopReason } from '../../../formats/stopReasons';
import { ConverseStreamNormalizer } from '../../../formats/converseEvents';
import type { ChunkParser } from './chunkParser';
import { asJson, num, type Json } from './usage';

/**
 * BedrockRequest → Amazon Nova `messages-v1` body. It is the Converse shape with three differences: no `modelId`,
 * bytes as base64 strings, and Nova-only settings (`reasoningConfig`, `topK`) sit in the body's own
 * `inferenceConfig` (Nova 2 "Using the Invoke API" lists them there) rather than under
 * `additionalModelRequestFields`. Documents are Converse-only, so they travel as text.
 */
export function novaBody(req: BedrockRequest): Json {
  const body: Json = {
    schemaVersion: 'messages-v1',
    messages: req.messages.map(m => ({ role: m.role, content: m.content.map(block) })),
  };
  if (req.system) body.system = [{ text: req.system }];
  const p = req.params ?? {};
  const inference: Json = {};
  if (p.maxTokens !== undefined) inference.maxTokens = p.maxTokens;
  if (p.temperature !== undefined) inference.temperature = p.temperature;
  if (p.topP !== undefined) inference.topP = p.topP;
  if (p.stopSequences?.length) inference.stopSequences = p.stopSequences;
  if (req.reasoning) inference.reasoningConfig = { type: 'enabled', maxReasoningEffort: req.reasoning.effort ?? 'medium' };
  if (Object.keys(inference).length) body.inferenceConfig = inference;
  if (req.tools?.length) {
    const c = req.toolChoice;
    body.toolConfig = {
      tools: req.tools.map(t => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema } } })),
      ...(c && c !== 'none' ? { toolChoice: c === 'auto' ? { auto: {} } : c === 'any' ? { any: {} } : { tool: { name: c.name } } } : {}),
    };
  }
  return body;
}

function block(p: ContentPart): Json {
  const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
  switch (p.type) {
    case 'text': return { text: p.text };
    case 'image': return { image: { format: p.format, source: { bytes: b64(p.data) } } };
    case 'document': return { text: `[${p.name}]\n${Buffer.from(p.data).toString('utf8')}` };
    case 'tool-call': return { toolUse: { toolUseId: p.id, name: p.name, input: p.input ?? {} } };
    case 'tool-result': return { toolResult: { toolUseId: p.id, content: [{ text: p.content }], status: p.isError ? 'error' : 'success' } };
    case 'cache-point': return { cachePoint: { type: 'default' } };
  }
}

/** Nova's invoke usage names its cache counts `…TokenCount`, Converse `…Tokens`; accept both. */
function novaUsage(u: unknown): Usage | undefined {
  const o = asJson(u);
  if (num(o.inputTokens) === undefined && num(o.outputTokens) === undefined) return undefined;
  const read = num(o.cacheReadInputTokenCount) ?? num(o.cacheReadInputTokens);
  const write = num(o.cacheWriteInputTokenCount) ?? num(o.cacheWriteInputTokens);
  return { inputTokens: num(o.inputTokens) ?? 0, outputTokens: num(o.outputTokens) ?? 0, ...(read ? { cacheReadTokens: read } : {}), ...(write ? { cacheWriteTokens: write } : {}) };
}

/** A whole Nova reply (`output.message.content`, `stopReason`, `usage`) → events. */
export function* novaReplyEvents(body: unknown): Generator<StreamEvent> {
  const b = asJson(body);
  const content = asJson(asJson(b.output).message).content;
  for (const raw of Array.isArray(content) ? content : []) {
    const c = asJson(raw);
    const reasoning = asJson(asJson(c.reasoningContent).reasoningText).text;
    if (typeof reasoning === 'string') yield { type: 'reasoning', text: reasoning };
    else if (typeof c.text === 'string') yield { type: 'text', text: c.text };
    else if (c.toolUse) {
      const t = asJson(c.toolUse);
      const id = String(t.toolUseId ?? '');
      yield { type: 'tool-call-start', id, name: String(t.name ?? '') };
      yield { type: 'tool-call-end', id, input: t.input ?? {} };
    }
  }
  const usage = novaUsage(b.usage);
  if (usage) yield { type: 'usage', usage };
  yield { type: 'stop', ...stopReason(typeof b.stopReason === 'string' ? b.stopReason : undefined) };
}

/**
 * Nova stream chunks are ConverseStream events as JSON objects (`{ contentBlockDelta: … }`), so the Converse
 * normaliser reads them; only the usage in `metadata` needs Nova's field names.
 */
export class NovaChunkParser implements ChunkParser {
  private readonly inner = new ConverseStreamNormalizer();

  *push(chunk: unknown): Generator<StreamEvent> {
    const c = asJson(chunk);
    if (c.metadata) {
      const usage = novaUsage(asJson(c.metadata).usage);
      if (usage) yield { type: 'usage', usage };
      return;
    }
    yield* this.inner.push(c as unknown as ConverseStreamOutput);
  }

  end(): Iterable<StreamEvent> { return this.inner.end(); }
}
