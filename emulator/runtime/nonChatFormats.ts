import { errors } from '../errors';
import { asArray, asRecord, asString, stableId } from '../produce';
import { hashSeed } from '../replyGenerator';
import { countTokens } from '../tokens';
import { generatePng } from './png';

/** Deterministic unit vector for a text: equal texts embed equally, different texts differ. */
export function embed(text: string, dimensions: number, normalize = true): number[] {
  let x = hashSeed(text) || 1;
  const v: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    v.push(((x >>> 0) / 4294967296) * 2 - 1);
  }
  if (!normalize) return v;
  const norm = Math.sqrt(v.reduce((s, n) => s + n * n, 0)) || 1;
  return v.map(n => n / norm);
}

/** Titan Text Embeddings V2: `{ inputText, dimensions, normalize }`. */
export function titanEmbed(body: unknown): { json: Record<string, unknown>; inputTokens: number; outputTokens: number } {
  const b = asRecord(body);
  if (typeof b.inputText !== 'string') throw errors.validation('Malformed input request: #: required key [inputText] not found, please reformat your input and try again.');
  const dimensions = b.dimensions === undefined ? 1024 : Number(b.dimensions);
  if (![256, 512, 1024].includes(dimensions)) throw errors.validation('Malformed input request: #/dimensions: 256, 512 or 1024 expected, please reformat your input and try again.');
  const embedding = embed(b.inputText, dimensions, b.normalize !== false);
  const inputTokens = countTokens(b.inputText);
  return { json: { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount: inputTokens }, inputTokens, outputTokens: 0 };
}

/** Cohere Embed v3: `{ texts, input_type }`, 1024 dimensions. */
export function cohereEmbed(body: unknown): { json: Record<string, unknown>; inputTokens: number; outputTokens: number } {
  const b = asRecord(body);
  const texts = asArray(b.texts).map(asString);
  if (!texts.length) throw errors.validation('Malformed input request: #: required key [texts] not found, please reformat your input and try again.');
  if (!b.input_type) throw errors.validation('Malformed input request: #: required key [input_type] not found, please reformat your input and try again.');
  const embeddings = texts.map(t => embed(t, 1024));
  const types = asArray(b.embedding_types);
  return {
    json: types.length
      ? { id: stableId(hashSeed(texts.join('\n')), 36), texts, embeddings: { float: embeddings }, response_type: 'embeddings_by_type' }
      : { id: stableId(hashSeed(texts.join('\n')), 36), texts, embeddings, response_type: 'embeddings_floats' },
    inputTokens: texts.reduce((n, t) => n + countTokens(t), 0),
    outputTokens: 0,
  };
}

/** Cohere Rerank 3.5: scores by word overlap with the query, best first. */
export function cohereRerank(body: unknown): { json: Record<string, unknown>; inputTokens: number; outputTokens: number } {
  const b = asRecord(body);
  const query = asString(b.query);
  const docs = asArray(b.documents).map(d => (typeof d === 'string' ? d : JSON.stringify(d)));
  if (!query || !docs.length) throw errors.validation('Malformed input request: #: required keys [query, documents] not found, please reformat your input and try again.');
  const words = new Set(query.toLowerCase().split(/\W+/).filter(Boolean));
  const scored = docs.map((doc, index) => {
    const dw = doc.toLowerCase().split(/\W+/).filter(Boolean);
    const overlap = dw.filter(w => words.has(w)).length;
    const score = overlap / Math.max(1, Math.sqrt(dw.length * Math.max(1, words.size)));
    return { index, relevance_score: Math.round(Math.min(0.999, score + (hashSeed(doc) % 1000) / 1e6) * 1e6) / 1e6 };
  }).sort((a, b2) => b2.relevance_score - a.relevance_score || a.index - b2.index);
  const topN = typeof b.top_n === 'number' ? b.top_n : scored.length;
  return {
    json: { id: stableId(hashSeed(query), 36), results: scored.slice(0, topN), meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } } },
    inputTokens: countTokens(query) + docs.reduce((n, d) => n + countTokens(d), 0),
    outputTokens: 0,
  };
}

/** Nova Canvas TEXT_IMAGE: `{ images: [base64 PNG] }`. */
export function novaCanvas(body: unknown): { json: Record<string, unknown>; inputTokens: number; outputTokens: number } {
  const b = asRecord(body);
  const task = asString(b.taskType);
  if (!task) throw errors.validation('Malformed input request: #: required key [taskType] not found, please reformat your input and try again.');
  const text = asString(asRecord(b.textToImageParams).text);
  if (task === 'TEXT_IMAGE' && !text) throw errors.validation('Malformed input request: #/textToImageParams: required key [text] not found, please reformat your input and try again.');
  const cfg = asRecord(b.imageGenerationConfig);
  const width = typeof cfg.width === 'number' ? cfg.width : 1024;
  const height = typeof cfg.height === 'number' ? cfg.height : 1024;
  const count = typeof cfg.numberOfImages === 'number' ? Math.min(5, Math.max(1, cfg.numberOfImages)) : 1;
  const seed = hashSeed(`${text}:${String(cfg.seed ?? 0)}`);
  const images = Array.from({ length: count }, (_, i) => generatePng(width, height, seed + i * 7919).toString('base64'));
  return { json: { images, error: null }, inputTokens: countTokens(text), outputTokens: 0 };
}
