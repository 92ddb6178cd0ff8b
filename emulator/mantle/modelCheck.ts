import type { Call } from '../context';
import { EmulatorError } from '../errors';
import { resolveCompatModel } from '../models';

/** Resolves the body's `model` for an OpenAI- or Anthropic-compatible route. */
export function requireCompatModel(call: Call, model: unknown, api: '/v1/chat/completions' | '/v1/responses' | '/v1/messages'): string {
  const id = typeof model === 'string' ? model : '';
  if (!id) throw new EmulatorError(400, 'ValidationException', "Missing required parameter: 'model'.", { type: 'invalid_request_error', code: 'missing_required_parameter' });
  const resolved = resolveCompatModel(id, call.ex.family, call.ctx.region, call.ctx.applicationProfiles);
  if (!resolved) {
    throw new EmulatorError(404, 'ResourceNotFoundException', `The model \`${id}\` does not exist or you do not have access to it.`,
      { type: 'invalid_request_error', code: 'model_not_found' }, 'not_found_error');
  }
  if (call.ctx.strictRoutes) {
    const wrong = (api === '/v1/messages') !== (resolved.style === 'anthropic');
    if (wrong) {
      const path = api === '/v1/messages' ? '/anthropic/v1/messages' : api;
      throw new EmulatorError(400, 'ValidationException', `The model '${id}' does not support the '${path}' API.`, { type: 'invalid_request_error', code: 'unsupported_api_for_model' });
    }
  }
  return id;
}
