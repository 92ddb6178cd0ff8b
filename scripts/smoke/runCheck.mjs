// Runs one smoke check through the extension's own BedrockService and returns its table row. Every check is one
// real request; nothing here answers for the service.
import { GUARDRAIL_TEXT, MAX_TOKENS, PROMPT, WEATHER_TOOL } from './matrix.mjs';

/** Long enough for a slow first token on a cold model, short enough that a hung request does not stall the run. */
const REQUEST_TIMEOUT_MS = 60_000;

const user = text => ({ role: 'user', content: [{ type: 'text', text }] });

/** The request a chat or tool check sends. */
export function requestFor(check) {
  const base = { model: check.model, apiStyle: check.style, family: check.family, messages: [user(PROMPT)], params: { maxTokens: MAX_TOKENS } };
  if (check.kind !== 'tool') return base;
  return { ...base, messages: [user('What is the weather in Paris? Use the tool.')], tools: [WEATHER_TOOL], toolChoice: 'any' };
}

/**
 * @param {{ service: any, pricing: any, region: string }} env `service`: a BedrockService; `pricing`: the compiled
 * src/service/pricing/pricing.js.
 */
export async function runCheck(check, env) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const started = performance.now();
  try {
    if (check.kind === 'count') return await countRow(check, env, controller.signal, started);
    if (check.kind === 'guardrail') return await guardrailRow(check, env, controller.signal, started);
    return await streamRow(check, env, controller.signal, started);
  } catch (e) {
    return controller.signal.aborted ? timedOut({ check }) : { check, status: 'failed', detail: oneLine(e) };
  } finally {
    clearTimeout(timer);
  }
}

async function streamRow(check, { service, pricing, region }, signal, started) {
  let ttftMs, usage, stop, error, text = '', toolCall;
  for await (const e of service.stream(requestFor(check), signal)) {
    if (ttftMs === undefined && (e.type === 'text' || e.type === 'reasoning' || e.type === 'tool-call-start')) ttftMs = performance.now() - started;
    if (e.type === 'text') text += e.text;
    else if (e.type === 'usage') usage = e.usage;
    else if (e.type === 'tool-call-end') toolCall = e;
    else if (e.type === 'stop') stop = e.reason;
    else if (e.type === 'error') error = e.error;
  }
  const row = { check, ttftMs, usage, ...priced(check, usage, pricing, region) };
  if (signal.aborted) return timedOut(row);
  if (error) return { ...row, status: `error (${error.kind})`, detail: error.message };
  if (check.kind === 'tool') {
    if (!toolCall) return { ...row, status: 'no tool call', detail: `the model stopped (${stop}) without calling ${WEATHER_TOOL.name}` };
    return { ...row, status: 'ok', note: `${WEATHER_TOOL.name}(${JSON.stringify(toolCall.input)})` };
  }
  if (!usage) return { ...row, status: 'ok', note: 'no usage reported' };
  return { ...row, status: 'ok', note: text.trim() ? `"${text.trim()}"` : `(no text; stop: ${stop})` };
}

async function countRow(check, { service }, signal, started) {
  const count = await service.countTokens({ model: check.model, messages: [user(PROMPT)] }, signal);
  const ttftMs = performance.now() - started;
  // The service falls back to a local estimate when CountTokens fails: that is not a pass.
  if (count.method !== 'count-tokens') return { check, ttftMs, status: 'estimate only', detail: count.note ?? 'the service did not call CountTokens' };
  return { check, ttftMs, usage: { inputTokens: count.tokens, outputTokens: 0 }, cost: 0, status: 'ok', note: 'CountTokens is free' };
}

async function guardrailRow(check, { service }, signal, started) {
  const report = await service.applyGuardrail(check.guardrail, 'input', GUARDRAIL_TEXT, signal);
  const ttftMs = performance.now() - started;
  return {
    check, ttftMs, status: 'ok', costBound: check.costBound,
    note: report.intervened ? `intervened (${report.findings.map(f => f.policy).join(', ')})` : 'passed, no intervention',
  };
}

/** The reply's cost from the shipped price table through the extension's pricing code. */
function priced(check, usage, pricing, region) {
  if (!usage) return {};
  const found = pricing.findPrice(check.priceAs ?? check.model, region);
  return found ? { cost: pricing.costOf(usage, found.price) } : { unpriced: true };
}

function timedOut(row) {
  return { ...row, status: 'timed out', detail: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` };
}

function oneLine(e) {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
