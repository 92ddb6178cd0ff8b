import type { Call } from '../context';
import { errors } from '../errors';
import { asRecord, asString } from '../produce';
import { countPromptTokens } from '../tokens';
import { CHAT_FORMATS, type ChatFormatName } from './chatFormats';
import { converseReplyRequest } from './converseRequest';
import { FOUNDATION_MODELS } from '../models';

/**
 * `POST /model/{modelId}/count-tokens` (CountTokens). Counts exactly what Converse / InvokeModel
 * would report as input tokens for the same request. Like Bedrock, only Claude models count, and the
 * model is named by its foundation-model id or ARN (the API reference's `modelId`): inference-profile
 * ids are refused, and a profile-only model still counts by its bare id since nothing is invoked.
 */
export async function countTokens(call: Call): Promise<void> {
  const id = call.params.modelId.replace(/^arn:aws:bedrock:[a-z0-9-]+::foundation-model\//, '');
  const model = FOUNDATION_MODELS.find(m => m.id === id);
  if (!model) {
    throw /^[a-z-]+\.[a-z]+\./.test(id) ? errors.validation(`The provided model doesn't support counting tokens.`) : errors.invalidModel();
  }
  if (model.invoke !== 'anthropic') throw errors.validation(`The provided model doesn't support counting tokens.`);
  const input = asRecord(asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}')).input);
  let request;
  if (input.converse) {
    request = converseReplyRequest(input.converse, model.id, 'converse');
  } else if (input.invokeModel) {
    const body = JSON.parse(Buffer.from(asString(asRecord(input.invokeModel).body), 'base64').toString('utf8')) as unknown;
    request = CHAT_FORMATS[model.invoke as ChatFormatName].request(body, model.id, 'invoke');
  } else {
    throw errors.validation('CountTokens input must contain either converse or invokeModel.');
  }
  const toolText = request.tools.length ? JSON.stringify(request.tools) : '';
  call.ex.json(200, { inputTokens: countPromptTokens([request.system, toolText, ...request.turns.map(t => t.text)], request.turns.length) });
}
