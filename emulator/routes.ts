import type { Route } from './router';
import { converse, converseStream } from './runtime/converse';
import { invokeModel, invokeModelWithResponseStream } from './runtime/invoke';
import { getAsyncInvoke, listAsyncInvokes, startAsyncInvoke } from './runtime/asyncInvoke';

const RUNTIME = ['runtime'] as const;

/** Every route the emulator serves, in match order. */
export const ROUTES: Route[] = [
  { method: 'POST', path: '/model/:modelId/converse', name: 'converse', families: [...RUNTIME], dialect: 'aws', handler: converse },
  { method: 'POST', path: '/model/:modelId/converse-stream', name: 'converse-stream', families: [...RUNTIME], dialect: 'aws', handler: converseStream },
  { method: 'POST', path: '/model/:modelId/invoke', name: 'invoke', families: [...RUNTIME], dialect: 'aws', handler: invokeModel },
  { method: 'POST', path: '/model/:modelId/invoke-with-response-stream', name: 'invoke-with-response-stream', families: [...RUNTIME], dialect: 'aws', handler: invokeModelWithResponseStream },
  { method: 'POST', path: '/async-invoke', name: 'start-async-invoke', families: [...RUNTIME], dialect: 'aws', handler: startAsyncInvoke },
  { method: 'GET', path: '/async-invoke', name: 'list-async-invokes', families: [...RUNTIME], dialect: 'aws', handler: listAsyncInvokes },
  { method: 'GET', path: '/async-invoke/*invocationArn', name: 'get-async-invoke', families: [...RUNTIME], dialect: 'aws', handler: getAsyncInvoke },
];
