import type { SiteKind, SourceSdk } from './model';

// Method paths below the client, as written after `client.`, for both languages.
const openAIPaths: Record<string, { kind: SiteKind; streaming?: boolean }> = {
  'chat.completions.create': { kind: 'chat.completions.create' },
  'chat.completions.stream': { kind: 'chat.completions.stream', streaming: true },
  'beta.chat.completions.stream': { kind: 'chat.completions.stream', streaming: true },
  'chat.completions.parse': { kind: 'beta.parse' },
  'beta.chat.completions.parse': { kind: 'beta.parse' },
  'responses.create': { kind: 'responses.create' },
  'responses.stream': { kind: 'responses.create', streaming: true },
  'embeddings.create': { kind: 'embeddings.create' },
  'images.generate': { kind: 'images.generate' },
  'chat.completions.runTools': { kind: 'chat.completions.runTools', streaming: true },
  'beta.chat.completions.runTools': { kind: 'chat.completions.runTools', streaming: true },
};

/**
 * OpenAI API families with no Bedrock counterpart, by the first step below the client (after
 * `beta.`), each with why and the Bedrock feature closest to it. Their calls are reported.
 */
export const unsupportedFamilies: Record<string, { what: string; closest: string; link: string }> = {
  audio: { what: 'OpenAI audio (speech, transcription, translation)', closest: 'Amazon Transcribe / Amazon Polly, or Nova Sonic for speech-to-speech', link: 'https://docs.aws.amazon.com/nova/latest/userguide/speech.html' },
  fine_tuning: { what: 'OpenAI fine-tuning jobs', closest: 'Bedrock model customization (fine-tuning and distillation jobs)', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html' },
  fineTuning: { what: 'OpenAI fine-tuning jobs', closest: 'Bedrock model customization (fine-tuning and distillation jobs)', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html' },
  assistants: { what: 'the OpenAI Assistants API', closest: 'Amazon Bedrock Agents', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/agents.html' },
  threads: { what: 'OpenAI Assistants threads and runs', closest: 'Amazon Bedrock Agents sessions', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/agents.html' },
  files: { what: 'OpenAI file uploads', closest: 'S3 objects behind a Bedrock Knowledge Base or batch job', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base.html' },
  uploads: { what: 'OpenAI file uploads', closest: 'S3 objects behind a Bedrock Knowledge Base or batch job', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base.html' },
  vector_stores: { what: 'OpenAI vector stores', closest: 'Bedrock Knowledge Bases', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base.html' },
  vectorStores: { what: 'OpenAI vector stores', closest: 'Bedrock Knowledge Bases', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base.html' },
  batches: { what: 'the OpenAI Batch API', closest: 'Bedrock batch inference (CreateModelInvocationJob)', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference.html' },
  moderations: { what: 'OpenAI moderation', closest: 'Amazon Bedrock Guardrails (ApplyGuardrail)', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html' },
  completions: { what: 'the legacy Completions API (prompt in, text out)', closest: 'Chat Completions on mantle, or Converse with one user message', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html' },
  realtime: { what: 'the OpenAI Realtime API', closest: 'Nova Sonic bidirectional streaming', link: 'https://docs.aws.amazon.com/nova/latest/userguide/speech.html' },
};

/** openai<1.0 resources with no Bedrock counterpart, mapped to the family above. */
export const legacyUnsupported: Record<string, string> = {
  Audio: 'audio', FineTune: 'fine_tuning', FineTuningJob: 'fine_tuning', File: 'files', Moderation: 'moderations',
};

/** What a call of an unsupported family is told: why it cannot map and the Bedrock feature closest to it. */
export function unsupportedNote(api: string | undefined): string {
  const f = (api && Object.prototype.hasOwnProperty.call(unsupportedFamilies, api) ? unsupportedFamilies[api] : undefined) ?? { what: 'this OpenAI API', closest: 'the Bedrock feature that fits', link: 'https://docs.aws.amazon.com/bedrock/latest/userguide/' };
  return `${f.what} has no Bedrock counterpart to rewrite to: the closest is ${f.closest} (${f.link})`;
}

/** The family a method path belongs to when it has no Bedrock counterpart. */
export function unsupportedFamily(path: string): string | undefined {
  const steps = path.split('.');
  const first = steps[0] === 'beta' ? steps[1] : steps[0];
  return first && steps.length >= 2 && Object.prototype.hasOwnProperty.call(unsupportedFamilies, first) ? first : undefined;
}

/** `with_raw_response` / `with_streaming_response` wrap any method without changing which API it calls. */
export function withoutResponseWrappers(names: readonly string[]): { path: string; raw: boolean } {
  const kept = names.filter(n => n !== 'with_raw_response' && n !== 'with_streaming_response');
  return { path: kept.join('.'), raw: kept.length !== names.length };
}

const anthropicPaths: Record<string, { kind: SiteKind; streaming?: boolean }> = {
  'messages.create': { kind: 'messages.create' },
  'beta.messages.create': { kind: 'messages.create' },
  'messages.stream': { kind: 'messages.stream', streaming: true },
  'beta.messages.stream': { kind: 'messages.stream', streaming: true },
};

export function kindForPath(source: SourceSdk, path: string): { kind: SiteKind; streaming?: boolean } | undefined {
  const table = source === 'openai' ? openAIPaths : anthropicPaths;
  return Object.prototype.hasOwnProperty.call(table, path) ? table[path] : undefined;
}

/** openai<1.0 (Python) module-level resources: `openai.ChatCompletion.create(...)` and friends. */
export const legacyPythonResources = new Set(['ChatCompletion', 'Completion', 'Embedding', 'Image', ...Object.keys(legacyUnsupported)]);
export const legacyPythonMethods = new Set(['create', 'acreate', 'transcribe', 'translate', 'list', 'retrieve']);

export const constructKind = (source: SourceSdk): SiteKind => (source === 'openai' ? 'client-construct' : 'anthropic-construct');
