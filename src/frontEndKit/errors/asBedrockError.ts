import { readSettings } from '../../common/settings';
import { BedrockRequestError, toBedrockError, type BedrockError } from '../../service/errors';

/** Any thrown value as a BedrockError, classified with the configured region. */
export function asBedrockError(e: unknown): BedrockError {
  return e instanceof BedrockRequestError ? e.info : toBedrockError(e, { region: readSettings().region });
}
