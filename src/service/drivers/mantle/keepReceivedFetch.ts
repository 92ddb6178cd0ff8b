/**
 * A fetch whose response bodies keep every chunk that arrived before a connection dropped. undici errors the body
 * stream as soon as the socket dies, and an errored ReadableStream throws away chunks the reader has not pulled yet,
 * so text the model had already sent would vanish from a reply cut off mid-stream. Reading eagerly into our own
 * queue, and raising the error only after the queue is drained, keeps it.
 */
export function keepReceivedFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (!res.body || !/text\/event-stream|application\/vnd\.amazon\.eventstream/.test(res.headers.get('content-type') ?? '')) return res;
    return new Response(drainEagerly(res.body), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

function drainEagerly(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const queue: Uint8Array[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const pump = async () => {
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        queue.push(r.value);
        wake?.();
      }
    } catch (error) {
      failure = { error };
    }
    done = true;
    wake?.();
  };
  void pump();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (!queue.length && !done) await new Promise<void>(r => { wake = r; });
      wake = undefined;
      // everything that arrived goes over at once: one pull per network burst, not per chunk (the stream asks again
      // only once its reader has taken them all, so an error still comes after the last chunk)
      if (queue.length) for (const chunk of queue.splice(0)) controller.enqueue(chunk);
      else if (failure) controller.error(failure.error);
      else controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
