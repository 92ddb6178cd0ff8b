/**
 * Finished blocks are shown in plain wrapper elements of up to BLOCKS_PER_GROUP blocks each, not as direct children of
 * the message body. While a reply streams, every frame appends to the body, and the browser's style and layout passes
 * then walk the body's children: with a flat body that is every block of the reply so far (thousands in a long one),
 * so each frame cost more than the one before; grouped, a frame walks the groups and the last group's blocks.
 * The wrappers have no margin, padding, border or containment, so the blocks' margins collapse across them exactly
 * as before. The one-shot render groups the same way (groupBlocks), so a streamed reply and a reply rendered at once
 * have identical DOMs.
 */
export const BLOCKS_PER_GROUP = 32;
export const GROUP_CLASS = 'md-blocks';
/**
 * The reply's last block, marked when the reply ends (its bottom margin is dropped). Not `:last-child`: that selector
 * makes the browser restyle the previous last block's whole subtree every time a block is appended, and the previous
 * group's every block whenever a group starts, so each streamed element was styled about twice.
 */
export const LAST_BLOCK_CLASS = 'md-last';

/**
 * The groups of one message body. The open tail lives at the end of the last group, after its finished nodes, so a
 * block that closes stays where it is (its nodes are only counted); when a group is full, the next one starts right
 * after it and takes the open tail along.
 */
export class BlockGroups {
  private last: HTMLElement | undefined;
  /** The last finished node in the last group (undefined while it has none). */
  private lastPlaced: ChildNode | undefined;
  private blocks = 0;

  constructor(private readonly container: HTMLElement) {}

  /** Where the open tail's nodes go (they are appended to it). */
  get tail(): HTMLElement {
    if (!this.last) {
      this.last = newGroup(this.container.ownerDocument);
      this.container.append(this.last);
    }
    return this.last;
  }

  /** Makes `nodes` the next finished nodes: moved (if they are not already there) after the finished ones. */
  place(nodes: Iterable<ChildNode>): void {
    for (const node of Array.from(nodes)) {
      const element = node.nodeType === Node.ELEMENT_NODE;
      if (element && this.blocks >= BLOCKS_PER_GROUP) this.startGroup();
      const group = this.tail;
      const expected = this.lastPlaced ? this.lastPlaced.nextSibling : group.firstChild;
      if (expected !== node) {
        if (this.lastPlaced) this.lastPlaced.after(node); else group.prepend(node);
      }
      this.lastPlaced = node;
      if (element) this.blocks++;
    }
  }

  /** A finished block was rendered again (a link reference arrived later): its old nodes are gone. */
  replaced(old: readonly ChildNode[], nodes: readonly ChildNode[]): void {
    if (this.lastPlaced && old.includes(this.lastPlaced)) this.lastPlaced = nodes[nodes.length - 1] ?? nodes[0];
  }

  /**
   * The reply ended: a last group left holding nothing (its open tail rendered to no nodes) goes, and the last block is
   * marked, as in groupBlocks.
   */
  finish(): void {
    if (this.last && !this.last.firstChild) {
      this.last.remove();
      this.last = undefined;
    }
    markLastBlock(this.container);
  }

  /** The container was emptied. */
  clear(): void {
    this.last = this.lastPlaced = undefined;
    this.blocks = 0;
  }

  private startGroup(): void {
    const previous = this.tail;
    const group = newGroup(this.container.ownerDocument);
    previous.after(group);
    // the open tail moves along, so it stays after every finished node
    const open: ChildNode[] = [];
    for (let n = this.lastPlaced ? this.lastPlaced.nextSibling : previous.firstChild; n; n = n.nextSibling) open.push(n);
    group.append(...open);
    this.last = group;
    this.lastPlaced = undefined;
    this.blocks = 0;
  }
}

/** The top-level nodes of a rendered document, grouped exactly as BlockGroups groups them when they stream in. */
export function groupBlocks(fragment: DocumentFragment): DocumentFragment {
  const grouped = fragment.ownerDocument.createDocumentFragment();
  let last: HTMLElement | undefined;
  let blocks = 0;
  for (const node of Array.from(fragment.childNodes)) {
    const element = node.nodeType === Node.ELEMENT_NODE;
    if (!last || (element && blocks >= BLOCKS_PER_GROUP)) {
      last = newGroup(fragment.ownerDocument);
      grouped.append(last);
      blocks = 0;
    }
    if (element) blocks++;
    last.append(node);
  }
  markLastBlock(grouped);
  return grouped;
}

function markLastBlock(container: ParentNode): void {
  container.lastElementChild?.lastElementChild?.classList.add(LAST_BLOCK_CLASS);
}

function newGroup(doc: Document): HTMLElement {
  const group = doc.createElement('div');
  group.className = GROUP_CLASS;
  return group;
}
