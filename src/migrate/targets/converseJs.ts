import type { SitePlan } from '../plan';
import type { JsSite } from '../js/callFinder';
import type { JsContext } from '../js/context';

export function planConverseJs(_ctx: JsContext, site: JsSite): SitePlan {
  return { site, edits: [], notes: [{ text: 'not yet', manual: true }], needs: [] };
}
