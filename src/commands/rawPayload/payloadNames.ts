/** Payload file names (no vscode import, so they are unit-tested). */
import type { InvokeFamily } from '../../service/runtime';

/** `<model>.<family>.bedrock.json`: the family part is what `contributes.jsonValidation` matches to pick the schema. */
export const PAYLOAD_SUFFIX = '.bedrock.json';

export function payloadFileName(model: string, family: InvokeFamily, stream: boolean): string {
  return `${model.replace(/[^\w.-]+/g, '_')}${stream ? '.stream' : ''}.${family}${PAYLOAD_SUFFIX}`;
}

/** The family a payload file name says, so a file opened later still gets validated against the right schema. */
export function familyFromFileName(name: string): InvokeFamily | undefined {
  const m = /\.([a-z-]+)\.bedrock\.json$/.exec(name);
  return m ? m[1] as InvokeFamily : undefined;
}
