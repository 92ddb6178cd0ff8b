import type * as vscode from 'vscode';
import { redactUrls } from '../service/redactUrls';

const WRITES = new Set<PropertyKey>(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * The extension's output channel with every URL in every line redacted (user names, passwords, query values,
 * fragments): endpoint settings and SDK error messages reach the log from many places, so the redaction sits at
 * the one place they all write to.
 */
export function redactingLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!WRITES.has(key)) return value.bind(target);
      return (first: unknown, ...rest: unknown[]) =>
        (value as (...a: unknown[]) => unknown).call(target, typeof first === 'string' ? redactUrls(first) : first instanceof Error ? redactUrls(first.stack ?? first.message) : first, ...rest.map(r => (typeof r === 'string' ? redactUrls(r) : r)));
    },
  });
}
