import { startEmulator, type Emulator } from './index';

/**
 * One streaming route measured with a raw HTTP reader, so the figure is the emulator's own.
 * `tokensPerCpuSecond` divides by the CPU time this process spent (emulator and reader both),
 * which stays meaningful when other processes crowd the machine; `tokensPerSecond` is wall time.
 */
export interface ThroughputResult { route: string; tokens: number; ms: number; tokensPerSecond: number; tokensPerCpuSecond: number }

const ROUTES: Array<{ route: string; path: (e: Emulator) => string; body: unknown; headers?: Record<string, string> }> = [
  { route: 'converse-stream (event-stream)', path: e => `${e.runtimeEndpoint}/model/amazon.nova-lite-v1:0/converse-stream`, body: { messages: [{ role: 'user', content: [{ text: 'go' }] }] } },
  { route: 'invoke-with-response-stream (event-stream)', path: e => `${e.runtimeEndpoint}/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream`, body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'go' }] } },
  { route: 'chat/completions (SSE)', path: e => `${e.mantleEndpoint}/v1/chat/completions`, body: { model: 'openai.gpt-oss-120b', stream: true, messages: [{ role: 'user', content: 'go' }] } },
  { route: 'responses (SSE)', path: e => `${e.mantleEndpoint}/v1/responses`, body: { model: 'openai.gpt-oss-120b', stream: true, input: 'go' } },
  { route: 'anthropic messages (SSE)', path: e => `${e.mantleEndpoint}/anthropic/v1/messages`, body: { model: 'anthropic.claude-sonnet-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'go' }] }, headers: { 'anthropic-version': '2023-06-01' } },
];

/** Streams a `long:N` reply on every streaming route and reports tokens per second (best of `runs`). */
export async function measureThroughput(emu: Emulator, tokens = 100_000, runs = 3): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  for (const r of ROUTES) {
    let best = Infinity;
    let bestCpu = Infinity;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const res = await fetch(r.path(emu), {
        method: 'POST',
        headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json', 'x-emulator-fault': `long:${tokens},tokens-per-second:0`, ...r.headers },
        body: JSON.stringify(r.body),
      });
      if (res.status !== 200 || !res.body) throw new Error(`${r.route}: HTTP ${res.status}`);
      for await (const _chunk of res.body) { /* drain */ }
      best = Math.min(best, performance.now() - started);
      const used = process.cpuUsage(cpu);
      bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
    }
    results.push({ route: r.route, tokens, ms: Math.round(best), tokensPerSecond: Math.round(tokens / (best / 1000)), tokensPerCpuSecond: Math.round(tokens / (bestCpu / 1000)) });
  }
  return results;
}

if (require.main === module) {
  void (async () => {
    const emu = await startEmulator();
    try {
      for (const r of await measureThroughput(emu)) {
        console.log(`${r.route.padEnd(44)} ${String(r.tokensPerSecond).padStart(7)} tokens/s wall, ${String(r.tokensPerCpuSecond).padStart(7)} tokens/CPU-s  (${r.tokens} tokens in ${r.ms} ms)`);
      }
    } finally {
      await emu.close();
    }
  })();
}
