import type { Call, EmulatorContext } from './context';
import { authenticate } from './auth/authenticate';
import { EmulatorError, errors, sendError, type ErrorDialect } from './errors';
import { FAULT_HEADER, mergeFaults, parseFaults, statusFaultError, type FaultSet } from './faults';
import type { Exchange, Family } from './http/exchange';
import { recordOf } from './recorder';
import { projectOfRequest } from './control/projects';

export interface Route {
  method: string;
  /** Segments; `:name` captures one decoded segment, `*name` the decoded rest. */
  path: string;
  name: string;
  families: Family[];
  dialect: ErrorDialect;
  handler: (call: Call) => Promise<void>;
  /** The handler reads the request body itself, as a live stream. */
  streamingBody?: boolean;
  sigv4Only?: boolean;
  /** Called without AWS credentials (IAM Identity Center's OIDC and portal calls authenticate in their own way). */
  unsigned?: boolean;
}

function match(route: Route, segments: string[]): Record<string, string> | undefined {
  const parts = route.path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.startsWith('*')) {
      if (i >= segments.length) return undefined;
      params[p.slice(1)] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    else if (p !== segments[i]) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}

/** Which error dialect a path speaks, for requests that match no route. */
function dialectOfPath(path: string): ErrorDialect {
  if (path.startsWith('/anthropic/')) return 'anthropic';
  if (path.startsWith('/v1/') || path.startsWith('/openai/')) return 'openai';
  return 'aws';
}

/**
 * Runs one request: route, read body, record, authenticate, apply faults, handle. Every
 * failure leaves as the error shape of the route's dialect.
 */
export async function dispatch(ex: Exchange, ctx: EmulatorContext, routes: Route[]): Promise<void> {
  const segments = ex.segments;
  let route: Route | undefined;
  let params: Record<string, string> | undefined;
  let pathMatched = false;
  for (const r of routes) {
    if (!r.families.includes(ex.family)) continue;
    const p = match(r, segments);
    if (!p) continue;
    pathMatched = true;
    if (r.method !== ex.method) continue;
    route = r;
    params = p;
    break;
  }
  if (!route || !params) {
    if (!ex.closed) await ex.readBody().catch(() => undefined);
    const dialect = dialectOfPath(ex.rawPath);
    const err = pathMatched ? new EmulatorError(405, 'MethodNotAllowedException', `Method ${ex.method} is not allowed on ${ex.rawPath}.`) : errors.unknownOperation();
    ctx.requests.push({ ...recordOf(ex, 'unknown', 'none'), status: err.status });
    sendError(ex, dialect, err);
    return;
  }
  if (!route.streamingBody) await ex.readBody();
  ex.extraHeaders = echoedHeaders(ex);
  const record = recordOf(ex, route.name, 'none');
  ctx.requests.push(record);
  try {
    if (!route.unsigned) record.auth = await authenticate(ex, ctx.auth, { sigv4Only: route.sigv4Only });
    const scripted = ctx.faultScript.take(ex.family, ex.rawPath);
    const faults: FaultSet = mergeFaults(parseFaults(scripted), parseFaults(ex.headers[FAULT_HEADER]));
    const statusError = statusFaultError(faults);
    if (statusError) {
      if (faults.slowFirstByteMs) await new Promise(r => setTimeout(r, faults.slowFirstByteMs));
      throw statusError;
    }
    const project = projectOfRequest(route.name, ex, ctx);
    if (project) record.project = project;
    await route.handler({ ex, ctx, faults, record, params });
  } catch (e) {
    if (e instanceof EmulatorError) sendError(ex, route.dialect, e);
    else if (e instanceof SyntaxError) sendError(ex, route.dialect, errors.malformedBody());
    else {
      console.error(`emulator: ${route.name} failed:`, e);
      sendError(ex, route.dialect, errors.internal());
    }
  } finally {
    record.status = ex.status || undefined;
    // a client that aborts a stream closes it while the handler is still writing; record when, once it happens
    if (ex.clientClosedAt !== undefined) record.clientClosedAt = ex.clientClosedAt;
    else if (!ex.closed) ex.onClose(() => { if (ex.clientClosedAt !== undefined) record.clientClosedAt = ex.clientClosedAt; });
  }
}

/**
 * Mantle scopes OpenAI-style calls to a Project (`OpenAI-Project`) and Messages calls to a
 * Workspace (`anthropic-workspace-id`); the emulator echoes them so tests can see they arrived.
 */
const ECHOED = ['openai-project', 'openai-organization', 'anthropic-workspace-id'];
function echoedHeaders(ex: Exchange): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ECHOED) if (ex.headers[name]) out[name] = ex.headers[name];
  return out;
}
