import { readFileSync } from 'node:fs';
import { startEmulator, type EmulatorOptions } from './index';

/**
 * `npm run emulator -- [--port N] [--mantle-port N] [--region R] [--tokens-per-second N]
 *  [--async-job-duration-ms N] [--replies FILE] [--strict-routes] [--json]`
 *
 * Prints the endpoints and test credentials (with --json: one JSON object on the first line)
 * and serves until SIGINT/SIGTERM. BEDROCK_EMULATOR_REPLIES=FILE (a JSON array of strings) or
 * --replies FILE scripts the first replies.
 */
function parseArgs(argv: string[]): { options: EmulatorOptions; json: boolean } {
  const options: EmulatorOptions = {};
  let json = false;
  let repliesFile = process.env.BEDROCK_EMULATOR_REPLIES;
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json': json = true; break;
      case '--port': options.port = number(flag, value()); break;
      case '--mantle-port': options.mantlePort = number(flag, value()); break;
      case '--region': options.region = value(); break;
      case '--tokens-per-second': options.tokensPerSecond = number(flag, value()); break;
      case '--async-job-duration-ms': options.asyncJobDurationMs = number(flag, value()); break;
      case '--replies': repliesFile = value(); break;
      case '--strict-routes': options.strictRoutes = true; break;
      case '--help': case '-h':
        process.stdout.write('usage: npm run emulator -- [--port N] [--mantle-port N] [--region R] [--tokens-per-second N] [--async-job-duration-ms N] [--replies FILE] [--strict-routes] [--json]\n');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (repliesFile) {
    const replies = JSON.parse(readFileSync(repliesFile, 'utf8')) as unknown;
    if (!Array.isArray(replies) || !replies.every(r => typeof r === 'string')) throw new Error(`${repliesFile}: expected a JSON array of strings`);
    options.replies = replies;
  }
  return { options, json };
}

async function main(): Promise<void> {
  const { options, json } = parseArgs(process.argv.slice(2));
  const emu = await startEmulator(options);
  // Handlers go in before anything is printed: a caller may signal as soon as it reads the endpoints.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const info = { region: emu.region, runtimeEndpoint: emu.runtimeEndpoint, mantleEndpoint: emu.mantleEndpoint, accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey, apiKey: emu.apiKey };
  if (json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    process.stdout.write([
      `Bedrock emulator (${info.region}), loopback only. Ctrl+C to stop.`,
      `  runtime endpoint : ${info.runtimeEndpoint}    (AWS SDK endpoint; also /openai/v1 and /anthropic)`,
      `  mantle endpoint  : ${info.mantleEndpoint}    (OpenAI baseURL ${info.mantleEndpoint}/v1, Anthropic baseURL ${info.mantleEndpoint}/anthropic)`,
      `  access key id    : ${info.accessKeyId}`,
      `  secret access key: ${info.secretAccessKey}`,
      `  API key (bearer) : ${info.apiKey}`,
      options.replies ? `  scripted replies : ${options.replies.length}` : '',
      '',
    ].filter((l, i, all) => l !== '' || i === all.length - 1).join('\n'));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
