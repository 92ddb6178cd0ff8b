import { BedrockRequestError } from './errors';

/**
 * The AWS partitions Bedrock can be reached in, with the DNS suffixes their endpoints use. The region patterns are
 * those of the AWS SDKs' partition table (`partitions.json` in @aws-sdk/core: `regionRegex`, `dnsSuffix`,
 * `dualStackDnsSuffix`), narrowed from `\w+` to lower-case letters, since a region is pasted into host names.
 * Mantle (`bedrock-mantle.{region}.api.aws`) lives on the dual-stack suffix.
 */
export interface Partition {
  id: 'aws' | 'aws-us-gov' | 'aws-cn';
  /** `bedrock-runtime.{region}.{dnsSuffix}`, `bedrock.{region}.{dnsSuffix}` */
  dnsSuffix: string;
  /** `bedrock-mantle.{region}.{dualStackDnsSuffix}` */
  dualStackDnsSuffix: string;
  /** Where the Bedrock console lives for a region of this partition. */
  consoleOrigin(region: string): string;
}

// most specific first: us-gov-west-1 must not be read as a commercial region
const PARTITIONS: readonly (Partition & { pattern: RegExp })[] = [
  {
    id: 'aws-us-gov', pattern: /^us-gov-[a-z]+-\d{1,2}$/, dnsSuffix: 'amazonaws.com', dualStackDnsSuffix: 'api.aws',
    consoleOrigin: () => 'https://console.amazonaws-us-gov.com',
  },
  {
    id: 'aws-cn', pattern: /^cn-[a-z]+-\d{1,2}$/, dnsSuffix: 'amazonaws.com.cn', dualStackDnsSuffix: 'api.amazonwebservices.com.cn',
    consoleOrigin: () => 'https://console.amazonaws.cn',
  },
  {
    id: 'aws', pattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2}$/, dnsSuffix: 'amazonaws.com', dualStackDnsSuffix: 'api.aws',
    consoleOrigin: region => `https://${region}.console.aws.amazon.com`,
  },
];

/** The partition a region belongs to; undefined when the text is not an AWS region name. */
export function partitionOf(region: string): Partition | undefined {
  return PARTITIONS.find(p => p.pattern.test(region));
}

export function isAwsRegion(region: string): boolean {
  return partitionOf(region) !== undefined;
}

/**
 * The one check every host name, console link and request goes through: a region that is not an AWS region name
 * (a committed workspace setting can hold anything, `evil.test:8443/#` included) never becomes part of a URL.
 */
export function checkRegion(region: string): Partition {
  const partition = partitionOf(region);
  if (partition) return partition;
  throw invalidRegion(region);
}

/** The error for a region that is not an AWS region: one sentence, and Choose Region as the next step. */
export function invalidRegion(region: string): BedrockRequestError {
  const shown = JSON.stringify(region.length > 40 ? `${region.slice(0, 40)}…` : region);
  const message = `The bedrock.region setting ${shown} is not an AWS region (such as us-east-1); nothing is sent until it is one.`;
  return new BedrockRequestError({ kind: 'validation', message, detail: `refused region ${JSON.stringify(region)}`, retryable: false, action: { kind: 'choose-region' } });
}
