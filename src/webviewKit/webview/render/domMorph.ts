/**
 * Updates already-shown nodes to match freshly rendered ones, touching only what differs. The open tail of a stream
 * is re-rendered as it grows; most of the time only its last text node changed, and updating that text (instead of
 * swapping the whole paragraph or list) spares the browser a style recalculation and most of the layout, and keeps
 * focus on a toolbar button inside the tail. The new nodes are sanitised and decorated before they get here.
 */
export function morphNodes(parent: Node, current: ChildNode[], next: ChildNode[]): ChildNode[] {
  const result: ChildNode[] = [];
  // New nodes go where the current ones end (for the stream's container that is its end).
  const anchor = current.length ? current[current.length - 1].nextSibling : null;
  const shared = Math.min(current.length, next.length);
  for (let i = 0; i < shared; i++) result.push(morph(current[i], next[i]));
  for (const extra of current.slice(shared)) extra.remove();
  for (const added of next.slice(shared)) {
    parent.insertBefore(added, anchor);
    result.push(added);
  }
  return result;
}

function morph(current: ChildNode, next: ChildNode): ChildNode {
  // Different attribute names (or order) replace the element: the result must serialise exactly like a fresh render.
  if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName
    || (current instanceof Element && next instanceof Element && current.getAttributeNames().join() !== next.getAttributeNames().join())) {
    current.replaceWith(next);
    return next;
  }
  if (current instanceof CharacterData) {
    if (current.data !== (next as CharacterData).data) current.data = (next as CharacterData).data;
    return current;
  }
  if (current instanceof Element && next instanceof Element) {
    syncAttributes(current, next);
    morphNodes(current, Array.from(current.childNodes), Array.from(next.childNodes));
  }
  return current;
}

function syncAttributes(current: Element, next: Element): void {
  for (const name of next.getAttributeNames()) {
    const value = next.getAttribute(name) as string;
    if (current.getAttribute(name) !== value) current.setAttribute(name, value);
  }
}
