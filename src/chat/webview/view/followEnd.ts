/** How close to the end (px) still counts as "at the end": a user reading a little way up is not pulled down. */
const AT_END_PX = 40;

/**
 * Keeps a scroll container at its end while its content grows, until the user scrolls up to read; scrolling back
 * to the end resumes following.
 *
 * It follows size changes rather than host messages: a ResizeObserver runs after layout and before paint in the frame
 * where the content really grew, so scrolling costs no extra frame, and a batch of text the renderer has not drawn yet
 * (it draws ~10 times a second on a fast stream, while the host sends up to 60 batches) costs nothing at all.
 */
export class FollowEnd {
  private atEnd = true;
  private readonly observer = new ResizeObserver(() => this.snap());
  /** The viewport's scroll events go to the window, not to the root element. */
  private readonly scrollEvents: EventTarget;

  constructor(private readonly scroller: Element) {
    this.scrollEvents = scroller === document.scrollingElement ? window : scroller;
    this.scrollEvents.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /** Follows `content` as it grows (and snaps to the end once now, as the observer reports its first size). */
  watch(content: Element): void {
    this.observer.observe(content);
  }

  /** Stops following everything watched so far (the content was replaced). */
  forget(): void {
    this.observer.disconnect();
  }

  dispose(): void {
    this.observer.disconnect();
    this.scrollEvents.removeEventListener('scroll', this.onScroll);
  }

  private snap(): void {
    if (this.atEnd) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  private readonly onScroll = (): void => {
    const s = this.scroller;
    this.atEnd = s.scrollHeight - s.scrollTop - s.clientHeight < AT_END_PX;
  };
}
