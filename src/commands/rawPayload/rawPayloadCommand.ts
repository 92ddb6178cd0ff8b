import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import type { OutputDocuments } from '../../frontEndKit/panes/outputDocuments';
import { paneFooter } from '../../frontEndKit/panes/paneText';
import type { BedrockError } from '../../service/errors';
import { invokeFamily, invokeRaw, payloadSchema, payloadTemplate, type InvokeFamily, type RawReply } from '../../service/runtime';
import { decodeRawReply, RawChunkDecoder } from '../../service/runtime/rawDecode';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { asBedrockError, linkedAbort, runtimeContextFor } from '../commandContext';
import { showBedrockError } from '../../frontEndKit/errors/errorActions';
import { invocableId } from '../../frontEndKit/pickers/modelChoice';
import { loadCatalogueWithProgress } from '../modelCommands';
import { checkPayload, locatePointer, parsePayload, type PayloadProblem } from './payloadCheck';
import { familyFromFileName, PayloadFiles, type PayloadMeta } from './payloadDocuments';
import { elideJson, fence, rawSection } from './rawResponse';

export interface RawPayloadArgs {
  model?: string;
  /** Needed for application inference profile ARNs, whose id does not say the family. */
  family?: InvokeFamily;
  /** InvokeModelWithResponseStream instead of InvokeModel. */
  stream?: boolean;
  /** Send this body now instead of opening an editor. */
  body?: string;
  /** Send this payload file (default: the active editor's, when it is one). */
  document?: vscode.Uri;
  signal?: AbortSignal;
}

export type RawPayloadResult =
  | { kind: 'opened'; document: vscode.Uri; meta: PayloadMeta }
  | { kind: 'invalid'; problems: PayloadProblem[] }
  | { kind: 'sent'; pane: vscode.Uri; text: string; decoded?: string; error?: BedrockError; cancelled: boolean };

const OFFERED: InvokeFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai', 'titan-embed', 'cohere-embed', 'cohere-rerank', 'nova-canvas'];

/**
 * "Bedrock: Invoke Model with Raw Payload…". Run with no payload editor active, it opens one pre-filled with the
 * model family's template (schema-checked as you type through `contributes.jsonValidation`); run from a payload
 * editor (the editor title's ▶ button), it checks the body against the schema, then sends it and shows the decoded
 * and raw response in a pane.
 */
export class RawPayloadCommand extends Disposable {
  private readonly files: PayloadFiles;
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('bedrock-payload'));

  constructor(private readonly host: ServiceHost, private readonly docs: OutputDocuments, storage: vscode.Uri, state: vscode.Memento) {
    super();
    this.files = new PayloadFiles(storage, state);
    // Stale squiggles go when the body is edited; the next send checks again.
    this._register(vscode.workspace.onDidChangeTextDocument(e => {
      if (this.diagnostics.has(e.document.uri)) this.diagnostics.delete(e.document.uri);
    }));
  }

  async run(args: RawPayloadArgs = {}): Promise<RawPayloadResult | undefined> {
    if (args.body !== undefined) {
      if (!args.model) throw new Error('bedrock.invokeRawPayload: a body needs a model');
      const family = args.family ?? invokeFamily(args.model);
      return this.send({ model: args.model, family: family ?? 'anthropic', stream: args.stream ?? false }, args.body, undefined, args.signal, family === undefined);
    }
    const active = vscode.window.activeTextEditor?.document;
    const target = args.document ?? (!args.model && active && this.files.isPayload(active.uri) ? active.uri : undefined);
    if (target) {
      const doc = await vscode.workspace.openTextDocument(target);
      const meta = this.files.meta(target) ?? await this.askMeta(target);
      if (!meta) return undefined;
      return this.send({ ...meta, ...(args.stream !== undefined ? { stream: args.stream } : {}) }, doc.getText(), doc, args.signal);
    }
    return this.open(args);
  }

  private async open(args: RawPayloadArgs): Promise<RawPayloadResult | undefined> {
    const model = args.model ?? await this.pickModel();
    if (!model) return undefined;
    const family = args.family ?? invokeFamily(model) ?? await this.pickFamily(model);
    if (!family) return undefined;
    if (!OFFERED.includes(family)) {
      void vscode.window.showInformationMessage(family === 'nova-reel' ? 'Bedrock: Nova Reel runs as an async job: use "Start Video Job".' : `Bedrock: ${model} has no single InvokeModel body (use "Speak with Nova Sonic").`);
      return undefined;
    }
    const stream = args.stream ?? await this.pickOperation(family);
    if (stream === undefined) return undefined;
    const meta: PayloadMeta = { model, family, stream };
    const uri = await this.files.create(meta, payloadTemplate(family, stream));
    await vscode.window.showTextDocument(uri, { preview: false });
    return { kind: 'opened', document: uri, meta };
  }

  private async send(meta: PayloadMeta, text: string, doc: vscode.TextDocument | undefined, signal: AbortSignal | undefined, familyUnknown = false): Promise<RawPayloadResult | undefined> {
    const problems = this.check(meta.family, text, familyUnknown);
    if (doc) this.showProblems(doc, problems);
    if (problems.length) {
      void vscode.window.showErrorMessage(`Bedrock: the payload has ${problems.length} problem${problems.length === 1 ? '' : 's'} and was not sent. ${problems[0].message}`, 'Show Problems')
        .then(c => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return { kind: 'invalid', problems };
    }
    const op = meta.stream ? 'InvokeModelWithResponseStream' : 'InvokeModel';
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: ${op} ${meta.model}`, cancellable: true }, async (_p, token) => {
      const abort = linkedAbort(token, signal);
      const uri = this.docs.create(`${meta.model} raw response`);
      const pane = this.docs.writer(uri);
      await this.docs.show(uri);
      const started = Date.now();
      pane.append(`## ${op} · ${meta.model}\n\n`);
      let decoded: string | undefined;
      let error: BedrockError | undefined;
      let usage;
      try {
        const ctx = await runtimeContextFor(this.host, abort.signal);
        if (!meta.stream) {
          const reply = await invokeRaw(ctx, meta.model, text, { signal: abort.signal });
          decoded = decodeRawReply(meta.family, reply.json)?.text;
          usage = reply.usage;
          pane.append(replyView(reply, decoded));
        } else {
          const stream = await invokeRaw(ctx, meta.model, text, { stream: true, signal: abort.signal });
          const decoder = new RawChunkDecoder(meta.family);
          const raw: string[] = [];
          pane.append(decoder.decodes ? '### Decoded\n\n' : '');
          try {
            for await (const chunk of stream.chunks) {
              raw.push(chunk.text);
              pane.append(decoder.push(chunk.json));
            }
            pane.append(decoder.end());
          } finally {
            // The chunks that did arrive are shown even when the stream broke off.
            decoded = decoder.decodes ? decoder.decoded.text : undefined;
            usage = decoder.decoded.usage;
            pane.append(`\n\n### Raw stream (${raw.length} chunks, one JSON per line)\n\n${fence(raw.join('\n'), 'jsonl')}`);
          }
        }
      } catch (e) {
        error = asBedrockError(e);
      } finally {
        abort.dispose();
      }
      const cancelled = error?.kind === 'aborted';
      pane.append(paneFooter({ source: `${meta.model} · ${op}`, usage, totalMs: Date.now() - started, ...(cancelled ? { ended: 'cancelled' as const } : error ? { ended: 'error' as const, errorMessage: error.message } : {}) }));
      await pane.flush();
      if (error && !cancelled) void showBedrockError(error, this.host.log);
      return { kind: 'sent' as const, pane: uri, text: pane.text, decoded, error: cancelled ? undefined : error, cancelled };
    });
  }

  private check(family: InvokeFamily, text: string, familyUnknown: boolean): PayloadProblem[] {
    const parsed = parsePayload(text);
    if (parsed.problems.length) return parsed.problems;
    const schema = familyUnknown ? undefined : payloadSchema(family);
    return schema ? checkPayload(parsed.value, schema as Record<string, unknown>).map(p => ({ ...p, offset: locatePointer(text, p.pointer) })) : [];
  }

  private showProblems(doc: vscode.TextDocument, problems: PayloadProblem[]): void {
    this.diagnostics.set(doc.uri, problems.map(p => {
      const pos = doc.positionAt(p.offset ?? 0);
      const d = new vscode.Diagnostic(new vscode.Range(pos, doc.lineAt(pos.line).range.end), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'Bedrock';
      return d;
    }));
  }

  private async pickModel(): Promise<string | undefined> {
    const cat = await loadCatalogueWithProgress(this.host, false);
    if (!cat) return undefined;
    const items = cat.models
      .filter(m => m.apiStyles.includes('invoke-model'))
      .map(m => ({ label: m.name, description: invocableId(m), detail: `${m.provider} · ${invokeFamily(m.id) ?? 'unknown body family'}` }))
      .filter(i => OFFERED.includes(invokeFamily(i.description) as InvokeFamily));
    return (await vscode.window.showQuickPick(items, { title: 'Bedrock: Raw Payload — model', placeHolder: 'The payload template follows the model family', matchOnDescription: true }))?.description;
  }

  private async pickFamily(model: string): Promise<InvokeFamily | undefined> {
    const picked = await vscode.window.showQuickPick(OFFERED.map(f => ({ label: f })), { title: `Bedrock: which body does ${model} take?`, placeHolder: 'Application inference profiles do not say their model family' });
    return picked?.label as InvokeFamily | undefined;
  }

  private async pickOperation(family: InvokeFamily): Promise<boolean | undefined> {
    if (!['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai'].includes(family)) return false;
    const picked = await vscode.window.showQuickPick([
      { label: 'InvokeModel', description: 'whole reply at once', stream: false },
      { label: 'InvokeModelWithResponseStream', description: 'chunks as they are generated', stream: true },
    ], { title: 'Bedrock: Raw Payload — operation' });
    return picked?.stream;
  }

  private async askMeta(uri: vscode.Uri): Promise<PayloadMeta | undefined> {
    const model = await this.pickModel();
    if (!model) return undefined;
    const family = familyFromFileName(uri.path) ?? invokeFamily(model) ?? await this.pickFamily(model);
    return family ? { model, family, stream: /\.stream\./.test(uri.path) } : undefined;
  }
}

function replyView(reply: RawReply, decoded: string | undefined): string {
  const headers = Object.entries(reply.headers).filter(([k, v]) => v !== undefined && /^x-amzn-bedrock|^content-type$/.test(k)).map(([k, v]) => `- \`${k}: ${v}\``).join('\n');
  const decodedView = decoded !== undefined ? decoded : reply.json !== undefined ? fence(JSON.stringify(elideJson(reply.json), null, 2)) : '*(not JSON)*';
  return `### Decoded\n\n${decodedView}\n\n### Raw response (${reply.raw.length.toLocaleString('en')} bytes${reply.contentType ? `, ${reply.contentType}` : ''})\n\n${headers ? headers + '\n\n' : ''}${rawSection(reply.text, reply.json)}`;
}
