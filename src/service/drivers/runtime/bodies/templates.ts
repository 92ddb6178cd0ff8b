import type { BedrockRequest } from '../../../model';
import { CHAT_CODECS } from './chatCodecs';
import { cohereEmbedBody, titanEmbedBody } from './embeddings';
import { isChatFamily, type InvokeFamily } from './family';
import { novaCanvasBody } from './images';
import { cohereRerankBody } from './rerank';
import { novaReelInput } from './video';
import type { Json } from './usage';

const SAMPLE: BedrockRequest = {
  model: '', apiStyle: 'invoke-model', system: 'You are a concise assistant.',
  params: { maxTokens: 512, temperature: 0.5 },
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Explain what an inference profile is in two sentences.' }] }],
};

/**
 * A starting body for the raw-payload editor, built by the same builders the drivers use so the template and
 * the driver never disagree. Undefined for Nova Sonic (bidirectional, no single body).
 */
export function payloadTemplate(family: InvokeFamily, stream = false): Json | undefined {
  if (isChatFamily(family)) return CHAT_CODECS[family].body(SAMPLE, stream);
  switch (family) {
    case 'titan-embed': return titanEmbedBody('Text to embed', { dimensions: 1024 });
    case 'cohere-embed': return cohereEmbedBody(['First text to embed', 'Second text to embed']);
    case 'cohere-rerank': return cohereRerankBody('What is Amazon Bedrock?', ['Bedrock is a managed service for foundation models.', 'Rivers flow to the sea.'], 2);
    case 'nova-canvas': return novaCanvasBody('A lighthouse on a cliff at dawn, watercolor', { width: 1024, height: 1024, seed: 42 });
    case 'nova-reel': return novaReelInput('A drone shot over a misty forest at sunrise');
    default: return undefined;
  }
}
