import type { Route } from './router';
import { converse, converseStream } from './runtime/converse';
import { invokeModel, invokeModelWithResponseStream } from './runtime/invoke';
import { invokeModelWithBidirectionalStream } from './runtime/bidirectional';
import { getAsyncInvoke, listAsyncInvokes, startAsyncInvoke } from './runtime/asyncInvoke';
import { listModels, retrieveModel } from './mantle/models';
import { chatCompletions } from './mantle/chatCompletions';
import { cancelResponse, createResponse, deleteResponse, retrieveResponse } from './mantle/responses';
import { createMessage } from './mantle/messages';
import type { Family } from './http/exchange';
import { getFoundationModel, listFoundationModels } from './control/foundationModels';
import { createInferenceProfile, deleteInferenceProfile, getInferenceProfile, listInferenceProfiles } from './control/inferenceProfiles';
import { getGuardrail, listGuardrails } from './control/guardrails';
import { archiveProject, createProject, getProject, listProjects, updateProject } from './control/projects';
import { applyGuardrail } from './runtime/applyGuardrail';
import { countTokens } from './runtime/countTokens';

const RUNTIME: Family[] = ['runtime'];
const MANTLE: Family[] = ['mantle'];
const BOTH: Family[] = ['runtime', 'mantle'];

/** The OpenAI-compatible routes: under `/v1` on mantle, under `/openai/v1` on both families. */
function openai(method: string, sub: string, name: string, handler: Route['handler']): Route[] {
  return [
    { method, path: `/v1/${sub}`, name, families: MANTLE, dialect: 'openai', handler },
    { method, path: `/openai/v1/${sub}`, name, families: BOTH, dialect: 'openai', handler },
  ];
}

/** Every route the emulator serves, in match order. */
export const ROUTES: Route[] = [
  { method: 'POST', path: '/model/:modelId/converse', name: 'converse', families: RUNTIME, dialect: 'aws', handler: converse },
  { method: 'POST', path: '/model/:modelId/converse-stream', name: 'converse-stream', families: RUNTIME, dialect: 'aws', handler: converseStream },
  { method: 'POST', path: '/model/:modelId/invoke', name: 'invoke', families: RUNTIME, dialect: 'aws', handler: invokeModel },
  { method: 'POST', path: '/model/:modelId/invoke-with-response-stream', name: 'invoke-with-response-stream', families: RUNTIME, dialect: 'aws', handler: invokeModelWithResponseStream },
  { method: 'POST', path: '/model/:modelId/invoke-with-bidirectional-stream', name: 'invoke-with-bidirectional-stream', families: RUNTIME, dialect: 'aws', handler: invokeModelWithBidirectionalStream, streamingBody: true, sigv4Only: true },
  { method: 'POST', path: '/model/:modelId/count-tokens', name: 'count-tokens', families: RUNTIME, dialect: 'aws', handler: countTokens },
  { method: 'POST', path: '/guardrail/:guardrailIdentifier/version/:guardrailVersion/apply', name: 'apply-guardrail', families: RUNTIME, dialect: 'aws', handler: applyGuardrail },
  { method: 'POST', path: '/async-invoke', name: 'start-async-invoke', families: RUNTIME, dialect: 'aws', handler: startAsyncInvoke },
  { method: 'GET', path: '/async-invoke', name: 'list-async-invokes', families: RUNTIME, dialect: 'aws', handler: listAsyncInvokes },
  { method: 'GET', path: '/async-invoke/*invocationArn', name: 'get-async-invoke', families: RUNTIME, dialect: 'aws', handler: getAsyncInvoke },
  // Control plane (bedrock.{region}.amazonaws.com in AWS) shares the runtime listener: its
  // paths do not collide with runtime's and it signs with the same `bedrock` name.
  { method: 'GET', path: '/foundation-models', name: 'list-foundation-models', families: RUNTIME, dialect: 'aws', handler: listFoundationModels },
  { method: 'GET', path: '/foundation-models/*modelIdentifier', name: 'get-foundation-model', families: RUNTIME, dialect: 'aws', handler: getFoundationModel },
  { method: 'GET', path: '/inference-profiles', name: 'list-inference-profiles', families: RUNTIME, dialect: 'aws', handler: listInferenceProfiles },
  { method: 'GET', path: '/inference-profiles/*inferenceProfileIdentifier', name: 'get-inference-profile', families: RUNTIME, dialect: 'aws', handler: getInferenceProfile },
  { method: 'POST', path: '/inference-profiles', name: 'create-inference-profile', families: RUNTIME, dialect: 'aws', handler: createInferenceProfile },
  { method: 'DELETE', path: '/inference-profiles/*inferenceProfileIdentifier', name: 'delete-inference-profile', families: RUNTIME, dialect: 'aws', handler: deleteInferenceProfile },
  { method: 'GET', path: '/projects', name: 'list-projects', families: RUNTIME, dialect: 'aws', handler: listProjects },
  { method: 'POST', path: '/projects', name: 'create-project', families: RUNTIME, dialect: 'aws', handler: createProject },
  { method: 'GET', path: '/projects/:projectIdentifier', name: 'get-project', families: RUNTIME, dialect: 'aws', handler: getProject },
  { method: 'POST', path: '/projects/:projectIdentifier', name: 'update-project', families: RUNTIME, dialect: 'aws', handler: updateProject },
  { method: 'POST', path: '/projects/:projectIdentifier/archive', name: 'archive-project', families: RUNTIME, dialect: 'aws', handler: archiveProject },
  { method: 'GET', path: '/guardrails', name: 'list-guardrails', families: RUNTIME, dialect: 'aws', handler: listGuardrails },
  { method: 'GET', path: '/guardrails/*guardrailIdentifier', name: 'get-guardrail', families: RUNTIME, dialect: 'aws', handler: getGuardrail },
  ...openai('GET', 'models', 'models.list', listModels),
  ...openai('GET', 'models/:model', 'models.retrieve', retrieveModel),
  ...openai('POST', 'chat/completions', 'chat.completions', chatCompletions),
  ...openai('POST', 'responses', 'responses.create', createResponse),
  ...openai('GET', 'responses/:id', 'responses.retrieve', retrieveResponse),
  ...openai('DELETE', 'responses/:id', 'responses.delete', deleteResponse),
  ...openai('POST', 'responses/:id/cancel', 'responses.cancel', cancelResponse),
  { method: 'POST', path: '/anthropic/v1/messages', name: 'messages', families: BOTH, dialect: 'anthropic', handler: createMessage },
  // IAM Identity Center (oidc.{region} and portal.sso.{region} in AWS), for SSO profiles' device-flow sign-in
  { method: 'POST', path: '/client/register', name: 'sso-oidc.register-client', families: RUNTIME, dialect: 'oauth', unsigned: true, handler: c => c.ctx.identityCenter.register(c) },
  { method: 'POST', path: '/device_authorization', name: 'sso-oidc.start-device-authorization', families: RUNTIME, dialect: 'oauth', unsigned: true, handler: c => c.ctx.identityCenter.startDeviceAuthorization(c) },
  { method: 'POST', path: '/token', name: 'sso-oidc.create-token', families: RUNTIME, dialect: 'oauth', unsigned: true, handler: c => c.ctx.identityCenter.createToken(c) },
  { method: 'GET', path: '/federation/credentials', name: 'sso.get-role-credentials', families: RUNTIME, dialect: 'aws', unsigned: true, handler: c => c.ctx.identityCenter.getRoleCredentials(c) },
];
