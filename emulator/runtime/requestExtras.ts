import { errors } from '../errors';
import { evaluateGuardrail, GUARDRAIL_ID, knownGuardrail, type GuardrailVerdict } from '../guardrails';
import { asRecord, asString } from '../produce';

const TIERS = ['default', 'flex', 'priority', 'reserved'];
const LATENCIES = ['standard', 'optimized'];

export interface GuardrailUse { trace: boolean; verdict: GuardrailVerdict }

/** The request options Bedrock echoes or acts on besides the conversation itself. */
export interface RequestExtras {
  serviceTier?: string;
  latency?: string;
  guardrail?: GuardrailUse;
}

function checkTier(tier: string | undefined): string | undefined {
  if (tier !== undefined && !TIERS.includes(tier)) throw errors.validation(`1 validation error detected: Value '${tier}' at 'serviceTier.type' failed to satisfy constraint: Member must satisfy enum value set: [${TIERS.join(', ')}]`);
  return tier;
}

function checkLatency(latency: string | undefined): string | undefined {
  if (latency !== undefined && !LATENCIES.includes(latency)) throw errors.validation(`1 validation error detected: Value '${latency}' at 'performanceConfig.latency' failed to satisfy constraint: Member must satisfy enum value set: [${LATENCIES.join(', ')}]`);
  return latency;
}

function guardrailUse(id: string | undefined, version: string | undefined, trace: boolean, userText: string, region: string): GuardrailUse | undefined {
  if (!id && !version) return undefined;
  if (!id || !version || !knownGuardrail(id, version, region)) throw errors.validation('The guardrail identifier or version provided in the request does not exist.');
  return { trace, verdict: evaluateGuardrail(userText) };
}

/** Converse / ConverseStream body: `serviceTier`, `performanceConfig`, `guardrailConfig`. */
export function converseExtras(body: unknown, userText: string, region: string): RequestExtras {
  const b = asRecord(body);
  const g = asRecord(b.guardrailConfig);
  return {
    serviceTier: checkTier(b.serviceTier === undefined ? undefined : asString(asRecord(b.serviceTier).type)),
    latency: checkLatency(b.performanceConfig === undefined ? undefined : asString(asRecord(b.performanceConfig).latency)),
    guardrail: guardrailUse(asString(g.guardrailIdentifier) || undefined, asString(g.guardrailVersion) || undefined, g.trace === 'enabled' || g.trace === 'enabled_full', userText, region),
  };
}

/** InvokeModel(+stream) headers: `X-Amzn-Bedrock-Service-Tier`, `-PerformanceConfig-Latency`, `-Guardrail*`, `-Trace`. */
export function invokeExtras(headers: Record<string, string>, userText: string, region: string): RequestExtras {
  const trace = headers['x-amzn-bedrock-trace'];
  return {
    serviceTier: checkTier(headers['x-amzn-bedrock-service-tier']),
    latency: checkLatency(headers['x-amzn-bedrock-performanceconfig-latency']),
    guardrail: guardrailUse(headers['x-amzn-bedrock-guardrailidentifier'], headers['x-amzn-bedrock-guardrailversion'], trace === 'ENABLED' || trace === 'ENABLED_FULL', userText, region),
  };
}

/** The Converse `trace.guardrail` member for a guardrail that ran with trace on. */
export function guardrailTrace(use: GuardrailUse | undefined): Record<string, unknown> | undefined {
  if (!use?.trace) return undefined;
  return { guardrail: { inputAssessment: { [GUARDRAIL_ID]: use.verdict.assessment }, ...(use.verdict.intervened ? { actionReason: use.verdict.blocked ? 'Guardrail blocked.' : 'Guardrail masked.' } : {}) } };
}

/** Response members Converse echoes back. */
export function echoedMembers(extras: RequestExtras): Record<string, unknown> {
  return {
    ...(extras.latency ? { performanceConfig: { latency: extras.latency } } : {}),
    ...(extras.serviceTier ? { serviceTier: { type: extras.serviceTier } } : {}),
  };
}

/** Response headers InvokeModel echoes back. */
export function echoedHeaders(extras: RequestExtras): Record<string, string> {
  return {
    ...(extras.latency ? { 'x-amzn-bedrock-performanceconfig-latency': extras.latency } : {}),
    ...(extras.serviceTier ? { 'x-amzn-bedrock-service-tier': extras.serviceTier } : {}),
  };
}
