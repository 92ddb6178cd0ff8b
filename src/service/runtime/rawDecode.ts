import { CHAT_CODECS } from '../drivers/runtime/bodies/chatCodecs';
import { isChatFamily, type InvokeFamily } from '../drivers/runtime/bodies/family';
import type { StreamEvent, Usage } from '../model';

/**
 * Reads raw InvokeModel replies and stream chunks (the raw-payload command) with the same per-family codecs the chat
 * driver uses, so "decoded" in the raw view means exactly what the driver would have seen. Families without a chat
 * codec (embeddings, rerank, images) have no text to decode: the caller shows their JSON.
 */
export interface DecodedText {
  text: string;
  reasoning: string;
  usage?: Usage;
  stopReason?: string;
}

function gather(events: Iterable<StreamEvent>, into: DecodedText): string {
  let text = '';
  for (const e of events) {
    if (e.type === 'text') text += e.text;
    else if (e.type === 'reasoning') into.reasoning += e.text;
    else if (e.type === 'usage') into.usage = e.usage;
    else if (e.type === 'stop') into.stopReason = e.reason;
    else if (e.type === 'tool-call-end') text += `\n[tool call ${JSON.stringify(e.input)}]\n`;
  }
  into.text += text;
  return text;
}

/** The text of a whole InvokeModel reply, or undefined when the family has no chat codec or the body is not its shape. */
export function decodeRawReply(family: InvokeFamily | undefined, json: unknown): DecodedText | undefined {
  if (!isChatFamily(family)) return undefined;
  const out: DecodedText = { text: '', reasoning: '' };
  try {
    gather(CHAT_CODECS[family].reply(json), out);
  } catch {
    return undefined; // not this family's reply shape (the user may have picked the wrong family): show the JSON only
  }
  return out;
}

/** Decodes stream chunks one at a time; `push` returns the text each chunk adds. */
export class RawChunkDecoder {
  readonly decoded: DecodedText = { text: '', reasoning: '' };
  private readonly parser;

  constructor(family: InvokeFamily | undefined) {
    this.parser = isChatFamily(family) ? CHAT_CODECS[family].chunks() : undefined;
  }

  get decodes(): boolean {
    return this.parser !== undefined;
  }

  push(json: unknown): string {
    if (!this.parser) return '';
    try {
      return gather(this.parser.push(json), this.decoded);
    } catch {
      return '';
    }
  }

  end(): string {
    if (!this.parser) return '';
    try {
      return gather(this.parser.end(), this.decoded);
    } catch {
      return '';
    }
  }
}
