import { API_STYLES, type ApiStyle, type EndpointFamily } from '../model';
import type { ChatDriver } from './driver';
import type { FamilyResolver } from './runtime/invokeModelDriver';

/**
 * Which endpoint families each API style's driver serves (each driver's own `families`; a unit test keeps the two
 * equal). The router needs it before any request, to say what a combination supports.
 */
export const DRIVER_FAMILIES: Record<ApiStyle, readonly EndpointFamily[]> = {
  'converse': ['runtime'],
  'converse-stream': ['runtime'],
  'invoke-model': ['runtime'],
  'invoke-model-stream': ['runtime'],
  'chat-completions': ['mantle', 'runtime'],
  'responses': ['mantle', 'runtime'],
  'messages': ['mantle', 'runtime'],
};

/**
 * The chat drivers, each standing in for the real one until the first request: the drivers and the wire formats
 * they share are imported then (the build puts them in their own chunk), so activation does not load them.
 */
export function onDemandDrivers(familyOf?: FamilyResolver): ChatDriver[] {
  let loaded: Promise<Map<ApiStyle, ChatDriver>> | undefined;
  const load = () => (loaded ??= import('./registry.js').then(m => new Map(m.allDrivers(familyOf).map(d => [d.style, d]))));
  return API_STYLES.map(style => ({
    style,
    families: DRIVER_FAMILIES[style],
    async *stream(request, ctx) {
      const driver = (await load()).get(style);
      if (!driver) throw new Error(`No driver for ${style}`);
      yield* driver.stream(request, ctx);
    },
  }));
}
