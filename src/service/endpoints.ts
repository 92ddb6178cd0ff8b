import { BedrockRequestError } from './errors';
import { checkRegion } from './partitions';

/** The two Bedrock endpoint families and their default hosts (see shared notes: runtime signs as `bedrock`, mantle as `bedrock-mantle`). */
export type EndpointFamily = 'runtime' | 'mantle';

export interface EndpointOverrides {
  runtime?: string;
  mantle?: string;
  /** The control plane (`bedrock.{region}.amazonaws.com`: model and profile listing). */
  control?: string;
}

/** The setting each override comes from, for error messages. */
export const ENDPOINT_SETTINGS: Readonly<Record<keyof EndpointOverrides, string>> = {
  runtime: 'bedrock.runtimeEndpoint',
  mantle: 'bedrock.mantleEndpoint',
  control: 'bedrock.controlPlaneEndpoint',
};

/** The AWS host for a family in a region; throws (with a Choose Region action) when the region is not an AWS region. */
export function defaultEndpoint(family: EndpointFamily, region: string): string {
  const partition = checkRegion(region);
  return family === 'runtime'
    ? `https://bedrock-runtime.${region}.${partition.dnsSuffix}`
    : `https://bedrock-mantle.${region}.${partition.dualStackDnsSuffix}`;
}

/**
 * The endpoint a family uses: a user override (VPC endpoint, gateway, local emulator) wins over the AWS default.
 * Every request's URL comes from here or from `controlPlaneEndpoint`, so this is where a region or an override that
 * could send credentials somewhere unintended is refused, before anything is sent. The region is checked even when
 * an override is set: it still names and signs the request.
 */
export function resolveEndpoint(family: EndpointFamily, region: string, overrides: EndpointOverrides): string {
  checkRegion(region);
  const custom = overrides[family]?.trim();
  return custom ? checkOverride(family, custom) : defaultEndpoint(family, region);
}

export function controlPlaneEndpoint(region: string, overrides: EndpointOverrides): string {
  const partition = checkRegion(region);
  const custom = overrides.control?.trim();
  return custom ? checkOverride('control', custom) : `https://bedrock.${region}.${partition.dnsSuffix}`;
}

/**
 * An override must be a plain http(s) base URL. A user name or password in it would be sent to whoever serves the
 * URL and shown wherever the endpoint is; a query string or fragment is secret-prone too, and the SDKs append their
 * paths after it, which breaks every request.
 */
function checkOverride(which: keyof EndpointOverrides, value: string): string {
  const setting = ENDPOINT_SETTINGS[which];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(`The ${setting} setting is not a URL; set it to an https:// address or clear it.`, setting);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(`The ${setting} setting must be an http:// or https:// address.`, setting);
  if (url.username || url.password) throw refuse(`The ${setting} setting has a user name or password in it; remove it and sign in with Bedrock: Sign In instead.`, setting);
  if (url.search || value.includes('?')) throw refuse(`The ${setting} setting has a query string (?…), which Bedrock requests cannot carry; remove it.`, setting);
  if (url.hash || value.includes('#')) throw refuse(`The ${setting} setting has a fragment (#…), which Bedrock requests cannot carry; remove it.`, setting);
  return value.replace(/\/+$/, '');
}

function refuse(message: string, setting: string): BedrockRequestError {
  return new BedrockRequestError({ kind: 'validation', message, detail: `refused ${setting}`, retryable: false, action: { kind: 'open-settings' } });
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
