/**
 * `/api <what you are building>` → one row of the API-choice table. Keyword rules, checked in order (more specific
 * first), so the answer is predictable and the same words always give the same API. Pure.
 */
import type { NeedId } from './decisionTable';

const RULES: ReadonlyArray<[NeedId, RegExp]> = [
  ['realtime-voice', /\b(voice|speech|audio|speak|talk|sonic|real[- ]?time)\b/i],
  ['video', /\b(videos?|reel|movie|clip|long[- ]running|media job|async(hronous)? job)\b/i],
  ['embeddings-rerank-image', /\b(embed(ding)?s?|rerank(ing)?|vector|semantic search|rag|image generation|generate (an )?images?|canvas|titan)\b/i],
  ['claude-native', /\b(anthropic|claude|messages api)\b/i],
  ['stateful-agent', /\b(agent(ic|s)?|stateful|responses api|tool loop|background|previous_response_id)\b/i],
  ['openai-migration', /\b(openai|gpt|chat ?completions?|migrat(e|ion)|existing app)\b/i],
  ['raw-payload', /\b(raw|payload|invoke ?model|model[- ]specific|native (body|format)|own body)\b/i],
  ['production-chat', /\b(chat(bot)?|assistant|converse|text generation|summari[sz]|production|q&a|question)\b/i],
];

export function needFromText(text: string): NeedId | undefined {
  return RULES.find(([, re]) => re.test(text))?.[0];
}
