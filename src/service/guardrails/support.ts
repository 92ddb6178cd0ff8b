import type { ApiStyle, EndpointFamily } from '../model';

/**
 * Which API styles can carry a guardrail: Converse/ConverseStream (`guardrailConfig`) and InvokeModel (+stream,
 * through the `X-Amzn-Bedrock-Guardrail*` headers), all on bedrock-runtime. The OpenAI- and Anthropic-compatible
 * styles have no guardrail parameter on either family, so a guardrail chosen for them is not applied.
 */
const GUARDED_STYLES: readonly ApiStyle[] = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream'];

export function guardrailApplies(style: ApiStyle, family: EndpointFamily = 'runtime'): boolean {
  return family === 'runtime' && GUARDED_STYLES.includes(style);
}

/** What to tell the user when their guardrail will not be applied, or undefined when it will. */
export function guardrailNotAppliedNote(style: ApiStyle, family: EndpointFamily = 'runtime'): string | undefined {
  if (guardrailApplies(style, family)) return undefined;
  return 'The guardrail is not applied with this API style: only Converse, ConverseStream and InvokeModel on bedrock-runtime send one. Use Bedrock: Check Text with Guardrail to test text against it.';
}
