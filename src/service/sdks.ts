/* eslint-disable @typescript-eslint/no-require-imports -- see below */
/**
 * SDKs are loaded on first use, not at activation: each is a `require` inside a function, which esbuild bundles as
 * a module initialised only when first called. (A dynamic `import()` would also be lazy, but under Node16
 * resolution it types the ESM build while the rest of the code sees the CommonJS typings.)
 */
export const sdks = {
  openai: () => require('openai') as typeof import('openai'),
  openaiBedrock: () => require('openai/providers/bedrock/aws') as typeof import('openai/providers/bedrock/aws'),
  bedrockRuntime: () => require('@aws-sdk/client-bedrock-runtime') as typeof import('@aws-sdk/client-bedrock-runtime'),
  bedrockControl: () => require('@aws-sdk/client-bedrock') as typeof import('@aws-sdk/client-bedrock'),
  anthropicBedrock: () => require('@anthropic-ai/bedrock-sdk') as typeof import('@anthropic-ai/bedrock-sdk'),
  credentialProviders: () => require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers'),
};
