import { mapModel } from '../modelMap';
import type { Note } from '../plan';

// OpenAI embeddings and image requests as Bedrock InvokeModel bodies, language-neutral: values stay
// source expressions (text), keys are the Bedrock model's own. Titan Text Embeddings V2 takes one
// string (`inputText`, optional `dimensions`) and answers `{ embedding }`; Cohere Embed takes a list
// (`texts`, `input_type`) and answers `{ embeddings }`; Nova Canvas takes a TEXT_IMAGE task and
// answers `{ images: [base64…] }`.

export type Body = Array<[string, string | Body]>;

export interface InvokePlan {
  modelId: string;
  body: Body;
  notes: Note[];
  /** How `.data[i].embedding` / `.data[i].b64_json` read the new response: keys from the response root, `{i}` for the index. */
  read: { steps: string[]; field: string; keys: Array<string | '{i}'> };
  /** Reads of other response fields the rewrite cannot translate (e.g. image URLs), with why. */
  unreadable?: Record<string, string>;
}

export interface RequestArg { text: string; str?: string; list?: boolean; number?: number }

export function embeddingsRequest(args: ReadonlyMap<string, RequestArg>, modelMap: Readonly<Record<string, string>> | undefined, quote: (s: string) => string): InvokePlan | { refuse: string } {
  const model = args.get('model');
  if (!model?.str) return { refuse: 'the embedding model is not a string literal: choose a Bedrock embedding model (amazon.titan-embed-text-v2:0) and call InvokeModel by hand' };
  const chosen = mapModel(model.str, 'openai', 'converse', modelMap) ?? (model.str.startsWith('amazon.') || model.str.startsWith('cohere.') ? model.str : undefined);
  if (!chosen) return { refuse: `no Bedrock embedding model known for '${model.str}': add one to the model map` };
  const input = args.get('input');
  if (!input) return { refuse: 'no input given' };
  // Titan takes one string and Cohere a list: an expression could be either, so only literals are rewritten
  if (input.str === undefined && !input.list) return { refuse: `the input \`${input.text}\` may be a string or a list: Titan (inputText) takes one string, Cohere Embed (texts) a list; call InvokeModel with the one that fits` };
  const notes: Note[] = [];
  let modelId = chosen;
  const userChose = !!modelMap && Object.prototype.hasOwnProperty.call(modelMap, model.str);
  if (input.list && modelId.startsWith('amazon.titan-embed') && !userChose) {
    // Titan embeds one string per call; Cohere Embed takes the list as it is
    modelId = 'cohere.embed-multilingual-v3';
    notes.push({ text: 'Titan embeds one string per call, so this list goes to Cohere Embed Multilingual v3', manual: false });
  }
  if (!modelId.startsWith(model.str)) notes.push({ text: `vectors from ${modelId} are not comparable with ${model.str}'s: re-embed what is stored`, manual: false });
  for (const k of args.keys()) {
    if (k === 'encoding_format' || k === 'user') notes.push({ text: `dropped ${k}: ${k === 'user' ? 'Bedrock takes no end-user id' : 'Bedrock returns float vectors'}`, manual: false });
    else if (!['model', 'input', 'dimensions'].includes(k)) return { refuse: `'${k}' has no InvokeModel counterpart: call InvokeModel by hand` };
  }
  if (modelId.startsWith('cohere.')) {
    return { modelId, body: [['texts', input.list ? input.text : `[${input.text}]`], ['input_type', quote('search_document')]], notes, read: { steps: ['data', '{i}', 'embedding'], field: 'embedding', keys: ['embeddings', '{i}'] } };
  }
  if (!modelId.startsWith('amazon.titan-embed')) return { refuse: `${modelId} is not a Titan or Cohere embedding model: call InvokeModel with its own body by hand` };
  if (input.list) return { refuse: 'Titan embeds one string per call: embed each item (or map the model to cohere.embed-multilingual-v3, which takes a list)' };

  const body: Body = [['inputText', input.text]];
  const dims = args.get('dimensions');
  if (dims) body.push(['dimensions', dims.text]);
  return { modelId, body, notes, read: { steps: ['data', '{i}', 'embedding'], field: 'embedding', keys: ['embedding'] } };
}

const qualities: Record<string, string> = { hd: 'premium', high: 'premium', standard: 'standard', medium: 'standard', low: 'standard', auto: 'standard' };

export function imageRequest(args: ReadonlyMap<string, RequestArg>, modelMap: Readonly<Record<string, string>> | undefined, quote: (s: string) => string): InvokePlan | { refuse: string } {
  const model = args.get('model');
  const name = model?.str ?? 'dall-e-2';
  const modelId = mapModel(name, 'openai', 'converse', modelMap) ?? (name.startsWith('amazon.nova-canvas') ? name : undefined);
  if (!modelId || !modelId.startsWith('amazon.nova-canvas')) return { refuse: `no Nova Canvas model for '${name}': call InvokeModel with the image model's own body by hand` };
  const prompt = args.get('prompt');
  if (!prompt) return { refuse: 'no prompt given' };
  const notes: Note[] = [];
  const config: Body = [];
  const n = args.get('n');
  if (n) config.push(['numberOfImages', n.text]);
  const size = args.get('size');
  if (size) {
    const m = size.str ? /^(\d+)x(\d+)$/.exec(size.str) : null;
    if (!m) return { refuse: `size ${size.text} is not a literal WIDTHxHEIGHT: set Nova Canvas's width and height by hand` };
    config.push(['width', m[1]], ['height', m[2]]);
  }
  const quality = args.get('quality');
  if (quality?.str && qualities[quality.str]) config.push(['quality', quote(qualities[quality.str])]);
  for (const k of args.keys()) {
    if (['model', 'prompt', 'n', 'size', 'quality'].includes(k)) continue;
    if (k === 'response_format') notes.push({ text: 'Nova Canvas always returns base64 images (images[i])', manual: false });
    else if (k === 'style' || k === 'user') notes.push({ text: `dropped ${k}: Nova Canvas has no such option`, manual: false });
    else return { refuse: `'${k}' has no Nova Canvas counterpart: call InvokeModel by hand` };
  }
  if (!n) config.push(['numberOfImages', '1']);
  const body: Body = [['taskType', quote('TEXT_IMAGE')], ['textToImageParams', [['text', prompt.text]]], ['imageGenerationConfig', config]];
  return { modelId, body, notes, read: { steps: ['data', '{i}', 'b64_json'], field: 'b64_json', keys: ['images', '{i}'] }, unreadable: { url: 'Nova Canvas returns base64 images, not URLs: read images[i] and store it yourself' } };
}

/** Matches `.data[<int>].<field>` steps; returns the index text and how many steps it covers. */
export function matchDataRead(steps: readonly string[], plan: InvokePlan): { index: string; length: number } | { unreadable: string } | undefined {
  if (steps[0] !== 'data' || steps.length < 3 || !/^\d+$/.test(steps[1])) return undefined;
  if (steps[2] === plan.read.field) return { index: steps[1], length: 3 };
  const why = plan.unreadable?.[steps[2]];
  return why ? { unreadable: why } : undefined;
}
