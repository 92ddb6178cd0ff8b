import type { ResolvedAuth } from '../credentials/auth';

/**
 * SDK clients are made once per credentials and per endpoint: keyed weakly on the ResolvedAuth (so a sign-in,
 * which makes a new one, drops the old clients with it) and then on the other arguments.
 */
export function clientCache<A extends string[], T>(create: (auth: ResolvedAuth, ...args: A) => T): (auth: ResolvedAuth, ...args: A) => T {
  const byAuth = new WeakMap<ResolvedAuth, Map<string, T>>();
  return (auth, ...args) => {
    let byKey = byAuth.get(auth);
    if (!byKey) byAuth.set(auth, (byKey = new Map()));
    const key = args.join('\n');
    let client = byKey.get(key);
    if (client === undefined) {
      client = create(auth, ...args);
      byKey.set(key, client);
    }
    return client;
  };
}
