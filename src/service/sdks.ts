/* eslint-disable @typescript-eslint/no-require-imports -- the point of this file is a deferred require */
import type { sdkLoaders as Loaders } from './sdkLoaders';

/**
 * Every SDK the service uses, loaded on first use. The build keeps `./sdkLoaders` out of the main bundle
 * (scripts/build.mjs maps it to dist/sdks.js), so nothing below runs until a request needs it.
 */
let loaders: typeof Loaders | undefined;
const load = (): typeof Loaders => (loaders ??= (require('./sdkLoaders') as { sdkLoaders: typeof Loaders }).sdkLoaders);

export const sdks: typeof Loaders = {
  openai: () => load().openai(),
  openaiBedrock: () => load().openaiBedrock(),
  bedrockRuntime: () => load().bedrockRuntime(),
  bedrockControl: () => load().bedrockControl(),
  anthropicBedrock: () => load().anthropicBedrock(),
  credentialProviders: () => load().credentialProviders(),
  sharedConfig: () => load().sharedConfig(),
  bedrockTokenGenerator: () => load().bedrockTokenGenerator(),
  ssoOidc: () => load().ssoOidc(),
};

/** Whether any SDK has been loaded yet (activation must not load one). */
export function sdksLoaded(): boolean {
  return loaders !== undefined;
}
