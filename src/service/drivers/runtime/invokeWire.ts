import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';

interface HasMiddleware {
  middlewareStack: { add(mw: unknown, options: { step: 'deserialize'; name: string }): void };
}

/**
 * InvokeModel's token counts are unmodelled response headers the SDK drops, so this adds a deserialize-step
 * middleware to the one command that keeps them. It goes on the command, not the shared client.
 */
export function withResponseHeaders<C>(command: C): { command: C; headers: () => Record<string, string | undefined> } {
  let captured: Record<string, string | undefined> = {};
  (command as unknown as HasMiddleware).middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
      const result = await next(args);
      const h = (result.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
      captured = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
      return result;
    },
    { step: 'deserialize', name: 'bedrockWorkbenchResponseHeaders' },
  );
  return { command, headers: () => captured };
}

/**
 * One InvokeModelWithResponseStream event → the model's own JSON chunk. The SDK already throws for modelled
 * exception frames; a member it did not recognise is thrown here rather than skipped, so a broken stream never
 * looks like a finished one. Undefined for an empty chunk.
 */
export function decodeChunk(part: ResponseStream): unknown {
  if (part.chunk) {
    const bytes = part.chunk.bytes;
    if (!bytes?.length) return undefined;
    return JSON.parse(new TextDecoder().decode(bytes));
  }
  const [name, value] = Object.entries(part).find(([, v]) => v !== undefined) ?? ['unknown', {}];
  const message = (value as { message?: string }).message ?? 'the model stream reported an error';
  throw Object.assign(new Error(message), { name: name.charAt(0).toUpperCase() + name.slice(1) });
}
