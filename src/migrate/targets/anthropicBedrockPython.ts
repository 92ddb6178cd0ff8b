import type { SitePlan } from '../plan';
import type { PySite } from '../python/callFinder';
import type { PyContext } from '../python/syntax';

export function planAnthropicBedrockPython(_ctx: PyContext, site: PySite): SitePlan {
  return { site, edits: [], notes: [{ text: 'not yet', manual: true }], needs: [] };
}
