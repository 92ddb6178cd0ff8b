import type { Call } from '../context';
import { EmulatorError } from '../errors';
import { MANTLE_MODELS } from '../models';

const entry = (m: typeof MANTLE_MODELS[number]): Record<string, unknown> => ({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy });

/** `GET /v1/models` (OpenAI list shape). */
export async function listModels(call: Call): Promise<void> {
  call.ex.json(200, { object: 'list', data: MANTLE_MODELS.map(entry) });
}

/** `GET /v1/models/{model}`. */
export async function retrieveModel(call: Call): Promise<void> {
  const m = MANTLE_MODELS.find(x => x.id === call.params.model);
  if (!m) {
    throw new EmulatorError(404, 'ResourceNotFoundException', `The model \`${call.params.model}\` does not exist or you do not have access to it.`,
      { type: 'invalid_request_error', code: 'model_not_found' }, 'not_found_error');
  }
  call.ex.json(200, entry(m));
}
