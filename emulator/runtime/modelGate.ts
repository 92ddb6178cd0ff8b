import type { Call } from '../context';
import { errors } from '../errors';
import { resolveRuntimeModel, type ResolvedModel } from '../models';

export type RuntimeOperation = 'converse' | 'invoke' | 'invoke-stream' | 'bidirectional' | 'async';

/** Resolves the `{modelId}` path parameter and checks the model supports the operation. */
export function requireModel(call: Call, op: RuntimeOperation, id = call.params.modelId): ResolvedModel {
  const resolved = resolveRuntimeModel(id, call.ctx.region, call.ctx.applicationProfiles);
  if (resolved === 'on-demand-unsupported') throw errors.onDemandUnsupported(id);
  if (!resolved) throw errors.invalidModel();
  const m = resolved.model;
  const ok = op === 'converse' ? m.converse
    : op === 'invoke' ? m.invoke !== 'none'
      : op === 'invoke-stream' ? m.invoke !== 'none' && m.streaming
        : op === 'bidirectional' ? m.bidirectional === true
          : m.asyncInvoke === true;
  if (!ok) {
    const names = { converse: 'the Converse API', invoke: 'InvokeModel', 'invoke-stream': 'streaming', bidirectional: 'InvokeModelWithBidirectionalStream', async: 'StartAsyncInvoke' };
    throw op === 'converse'
      ? errors.validation('This model doesn\u2019t support the Converse API. Use InvokeModel with the model\u2019s native request format instead.')
      : errors.operationUnsupported(id, names[op]);
  }
  return resolved;
}
