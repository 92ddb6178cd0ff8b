import type { Exchange } from './http/exchange';

/**
 * One failure, rendered in whichever error dialect the route speaks: AWS restJson1 for the
 * native runtime routes, OpenAI JSON for `/v1` and `/openai/v1`, Anthropic JSON for
 * `/anthropic/v1/messages`. Keeping one type means a fault is defined once for all families.
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    /** The AWS exception name the SDK turns into a typed error (`x-amzn-ErrorType`). */
    readonly awsType: string,
    message: string,
    readonly openai: { type: string; code: string | null; param?: string } = { type: 'invalid_request_error', code: null },
    readonly anthropicType = 'invalid_request_error',
    /** Extra members of the AWS error body (e.g. `originalStatusCode`). */
    readonly extra: Record<string, unknown> = {},
    /** Some front-door errors (API-key auth) use `Message`, as Bedrock itself does. */
    readonly capitalMessage = false,
  ) {
    super(message);
  }
}

/** `oauth`: IAM Identity Center's OIDC service, restJson1 errors whose body is OAuth's `error` / `error_description`. */
export type ErrorDialect = 'aws' | 'openai' | 'anthropic' | 'oauth';

export function sendError(ex: Exchange, dialect: ErrorDialect, err: EmulatorError): void {
  if (ex.closed) return;
  if (ex.headersSent) { ex.abort(); return; }
  if (dialect === 'openai') {
    ex.json(err.status, { error: { message: err.message, type: err.openai.type, param: err.openai.param ?? null, code: err.openai.code } });
  } else if (dialect === 'anthropic') {
    ex.json(err.status, { type: 'error', error: { type: err.anthropicType, message: err.message }, request_id: ex.requestId });
  } else if (dialect === 'oauth') {
    ex.json(err.status, err.extra, { 'x-amzn-errortype': `${err.awsType}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/` });
  } else {
    const body = err.capitalMessage ? { Message: err.message, ...err.extra } : { message: err.message, ...err.extra };
    ex.json(err.status, body, { 'x-amzn-errortype': `${err.awsType}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
  }
}

// The catalogue of errors the emulator produces, with the wording Bedrock uses.
export const errors = {
  invalidModel: (): EmulatorError => new EmulatorError(400, 'ValidationException', 'The provided model identifier is invalid.', { type: 'invalid_request_error', code: 'model_not_found' }),
  onDemandUnsupported: (modelId: string): EmulatorError => new EmulatorError(400, 'ValidationException',
    `Invocation of model ID ${modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`),
  validation: (message: string): EmulatorError => new EmulatorError(400, 'ValidationException', message),
  operationUnsupported: (modelId: string, op: string): EmulatorError => new EmulatorError(400, 'ValidationException', `The model ${modelId} does not support ${op}.`),
  malformedBody: (): EmulatorError => new EmulatorError(400, 'ValidationException', 'Malformed input request, please reformat your input and try again.'),
  notFound: (message: string): EmulatorError => new EmulatorError(404, 'ResourceNotFoundException', message, { type: 'not_found_error', code: 'not_found' }, 'not_found_error'),
  unknownOperation: (): EmulatorError => new EmulatorError(404, 'UnknownOperationException', 'The requested operation is not recognized by the service.', { type: 'not_found_error', code: 'unknown_url' }, 'not_found_error'),
  throttling: (): EmulatorError => new EmulatorError(429, 'ThrottlingException', 'Too many tokens, please wait before trying again.', { type: 'rate_limit_error', code: 'rate_limit_exceeded' }, 'rate_limit_error'),
  modelNotReady: (): EmulatorError => new EmulatorError(429, 'ModelNotReadyException', 'Model is not ready to serve inference requests. The model will be ready shortly, please try again later.', { type: 'rate_limit_error', code: 'model_not_ready' }, 'rate_limit_error'),
  internal: (): EmulatorError => new EmulatorError(500, 'InternalServerException', 'The server encountered an internal error while processing the request.', { type: 'server_error', code: 'internal_server_error' }, 'api_error'),
  unavailable: (): EmulatorError => new EmulatorError(503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.', { type: 'server_error', code: 'service_unavailable' }, 'overloaded_error'),
  expiredToken: (): EmulatorError => new EmulatorError(403, 'ExpiredTokenException', 'The security token included in the request is expired', { type: 'authentication_error', code: 'expired_token' }, 'permission_error'),
};
