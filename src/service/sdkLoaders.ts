/* eslint-disable @typescript-eslint/no-require-imports -- see below */
/**
 * The SDKs, each behind a function so it initialises only when first called. esbuild bundles this file on its own
 * (dist/sdks.js), so the extension's main bundle stays small and activation loads no SDK code at all; see sdks.ts.
 * (A dynamic `import()` would also be lazy, but under Node16 resolution it types the ESM build while the rest of the
 * code sees the CommonJS typings.)
 */
export const sdkLoaders = {
  openai: () => require('openai') as typeof import('openai'),
  openaiBedrock: () => require('openai/providers/bedrock/aws') as typeof import('openai/providers/bedrock/aws'),
  bedrockRuntime: () => require('@aws-sdk/client-bedrock-runtime') as typeof import('@aws-sdk/client-bedrock-runtime'),
  bedrockControl: () => require('@aws-sdk/client-bedrock') as typeof import('@aws-sdk/client-bedrock'),
  anthropicBedrock: () => require('@anthropic-ai/bedrock-sdk') as typeof import('@anthropic-ai/bedrock-sdk'),
  credentialProviders: () => require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers'),
  /** The AWS SDK's own reader of ~/.aws/config, ~/.aws/credentials and the SSO token cache. */
  sharedConfig: () => require('@smithy/core/config') as typeof import('@smithy/core/config'),
  bedrockTokenGenerator: () => require('@aws/bedrock-token-generator') as typeof import('@aws/bedrock-token-generator'),
  ssoOidc: () => require('@aws-sdk/client-sso-oidc') as typeof import('@aws-sdk/client-sso-oidc'),
};
