/** The two Bedrock endpoint families and their default hosts (see shared notes: runtime signs as `bedrock`, mantle as `bedrock-mantle`). */
export type EndpointFamily = 'runtime' | 'mantle';

export interface EndpointOverrides {
  runtime?: string;
  mantle?: string;
  /** The control plane (`bedrock.{region}.amazonaws.com`: model and profile listing). */
  control?: string;
}

export function defaultEndpoint(family: EndpointFamily, region: string): string {
  return family === 'runtime'
    ? `https://bedrock-runtime.${region}.amazonaws.com`
    : `https://bedrock-mantle.${region}.api.aws`;
}

/** The endpoint a family uses: a user override (VPC endpoint, gateway, local emulator) wins over the AWS default. */
export function resolveEndpoint(family: EndpointFamily, region: string, overrides: EndpointOverrides): string {
  const custom = overrides[family]?.trim();
  return custom ? custom.replace(/\/+$/, '') : defaultEndpoint(family, region);
}

export function controlPlaneEndpoint(region: string, overrides: EndpointOverrides): string {
  const custom = overrides.control?.trim();
  return custom ? custom.replace(/\/+$/, '') : `https://bedrock.${region}.amazonaws.com`;
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
