import { readSettings } from '../common/settings';
import { runtimeContext, type RuntimeContext } from '../service/runtime/context';
import type { ServiceHost } from '../service/vscode/serviceHost';

/** A RuntimeContext for the non-chat jobs, from the current settings and credentials. */
export async function runtimeContextFor(host: ServiceHost, signal?: AbortSignal): Promise<RuntimeContext> {
  const s = readSettings();
  const auth = await host.service.currentAuth();
  return runtimeContext({ region: s.region, endpoints: s.endpoints, auth, signal, log: m => host.log.info(m), profile: s.profile || undefined });
}

