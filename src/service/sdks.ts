/* eslint-disable @typescript-eslint/no-require-imports -- the point of this file is a deferred require */
import type { sdkLoaders as Loaders } from './sdkLoaders';

/**
 * Every SDK the service uses, loaded on first use. The build keeps `./sdkLoaders` out of the main bundle
 * (scripts/build.mjs maps it to dist/sdks.js), so nothing below runs until a request needs it.
 */
let loaders: typeof Loaders | undefined;
const load = (): typeof Loaders => (loaders ??= (require('./sdkLoaders') as { sdkLoaders: typeof Loaders }).sdkLoaders);

type SdkName = keyof typeof Loaders;
const used = new Set<SdkName>();
const use = <K extends SdkName>(name: K) => (): ReturnType<(typeof Loaders)[K]> => {
  used.add(name);
  return load()[name]() as ReturnType<(typeof Loaders)[K]>;
};

export const sdks: typeof Loaders = {
  openai: use('openai'),
  openaiBedrock: use('openaiBedrock'),
  bedrockRuntime: use('bedrockRuntime'),
  bedrockControl: use('bedrockControl'),
  anthropicBedrock: use('anthropicBedrock'),
  credentialProviders: use('credentialProviders'),
  sharedConfig: use('sharedConfig'),
  bedrockTokenGenerator: use('bedrockTokenGenerator'),
  ssoOidc: use('ssoOidc'),
};

/** Whether any SDK has been loaded yet (activation must not load one). */
export function sdksLoaded(): boolean {
  return loaders !== undefined;
}

/**
 * An SDK's module if something already loaded it, else undefined: reading a thrown error's class must not load an
 * SDK, and an error cannot come from an SDK that was never loaded.
 */
export function loadedSdk<K extends SdkName>(name: K): ReturnType<(typeof Loaders)[K]> | undefined {
  return used.has(name) ? sdks[name]() as ReturnType<(typeof Loaders)[K]> : undefined;
}
