import { startEmulatorProcess } from './support/emulatorProcess.mjs';
import { rawPaths, servicePath } from './support/streamPaths.mjs';
const emu = await startEmulatorProcess();
const style = process.argv[2] ?? 'responses', model = style === 'converse-stream' ? 'us.amazon.nova-lite-v1:0' : style === 'messages' ? 'anthropic.claude-sonnet-4-5' : 'openai.gpt-oss-120b';
const path = { responses: '/responses', 'converse-stream': '/converse-stream', 'chat-completions': '/chat/completions', messages: '/messages' }[style];
const svc = servicePath(emu), raw = rawPaths(emu);
const which = process.argv[3] ?? 'service';
for (let i = 0; i < 6; i++) { await emu.scriptFaults([{ fault: `long:100000,tokens-per-second:0`, path }]); const r = await (which === 'service' ? svc(style, model, 'go') : raw[style](model, 'go')); console.log(which, Math.round(r.totalMs), Math.round(r.cpuMs)); }
await emu.close();
