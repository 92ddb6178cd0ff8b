import { partitionOf } from './partitions';

/** Regions that offer Bedrock, with whether bedrock-mantle is there too (AWS endpoint table; partial for mantle). */
export interface BedrockRegion {
  id: string;
  name: string;
  mantle: boolean | 'unconfirmed';
}

export const BEDROCK_REGIONS: readonly BedrockRegion[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)', mantle: true },
  { id: 'us-east-2', name: 'US East (Ohio)', mantle: true },
  { id: 'us-west-2', name: 'US West (Oregon)', mantle: true },
  { id: 'us-west-1', name: 'US West (N. California)', mantle: false },
  { id: 'ca-central-1', name: 'Canada (Central)', mantle: false },
  { id: 'ca-west-1', name: 'Canada West (Calgary)', mantle: false },
  { id: 'sa-east-1', name: 'South America (São Paulo)', mantle: 'unconfirmed' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', mantle: true },
  { id: 'eu-central-2', name: 'Europe (Zurich)', mantle: false },
  { id: 'eu-north-1', name: 'Europe (Stockholm)', mantle: true },
  { id: 'eu-south-1', name: 'Europe (Milan)', mantle: true },
  { id: 'eu-south-2', name: 'Europe (Spain)', mantle: false },
  { id: 'eu-west-1', name: 'Europe (Ireland)', mantle: true },
  { id: 'eu-west-2', name: 'Europe (London)', mantle: true },
  { id: 'eu-west-3', name: 'Europe (Paris)', mantle: false },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', mantle: true },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', mantle: false },
  { id: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', mantle: false },
  { id: 'ap-east-2', name: 'Asia Pacific (Taipei)', mantle: false },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)', mantle: 'unconfirmed' },
  { id: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', mantle: 'unconfirmed' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', mantle: 'unconfirmed' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', mantle: 'unconfirmed' },
  { id: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', mantle: 'unconfirmed' },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', mantle: false },
];

/**
 * The console page where model access is requested, for the "Request model access" action, in the region's own
 * partition; undefined when the text is not an AWS region (an error action can come back from saved state).
 */
export function modelAccessUrl(region: string): string | undefined {
  const partition = partitionOf(region);
  return partition && `${partition.consoleOrigin(region)}/bedrock/home?region=${region}#/modelaccess`;
}
