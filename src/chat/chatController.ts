import * as vscode from 'vscode';
import { actionLabel, runErrorAction } from '../frontEndKit/errors/errorActions';
import { loadCatalogueWithProgress } from '../frontEndKit/catalogueProgress';
import { Disposable } from '../common/disposable';
import { currentPrice, readSettings } from '../common/settings';
import type { Catalogue } from '../service/catalogue/modelCatalogue';
import type { BedrockError } from '../service/errors';
import { API_STYLE_LABELS } from '../service/model';
import { defaultFamily } from '../service/router';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { runCodeAction } from '../webviewKit/host/codeActions';
import { Chip, chipView, composeWithContext, documentChip, imageChip, pickFileChips, selectionChip } from './contextChips';
import { editedUserMessage, keepsStateOnServer, messageView, newMessageId, StoredMessage, titleFrom, toView } from './conversation';
import { ConversationStore, type StoreChange } from './conversationStore';
import { requestMessages, runTurn } from './chatTurn';
import type { ErrorView, HostMessage, PickTarget, ProjectRef, Selection, WebviewMessage } from './protocol';
import { pickApiStyle, pickFamily, pickModel, selectionView } from './selectionPickers';
import { guardrailLabel, pickGuardrail } from '../frontEndKit/pickers/guardrailPicker';
import { guardrailApplies } from '../service/guardrails/support';
import { isTierChoice, pickServiceTier, type TierChoice } from '../frontEndKit/pickers/serviceTierPicker';
import type { CountablePrompt, TokenCount } from '../service/tokens/countTokens';
import { contextLimit } from '../service/tokens/contextLimits';
import { estimateTokens } from '../service/tokens/estimate';
import { openWebviewLink } from '../frontEndKit/openLink';
import { isProjectRef, pickProject, projectFooter, withDefaultProject } from './projectChoice';
import { BackgroundTurns } from './backgroundTurns';
import { pickReasoning } from './featurePickers';
import { backgroundUnavailable, isReasoningChoice } from './turnFeatures';
import type { ReasoningOptions } from '../service/model';
import type { Conversation } from './conversation';
import { enabledTools, runChatTool, toolSpecs, toolsNote } from './tools/chatTools';
import { DEFAULT_MAX_TOOL_STEPS, runToolLoop } from './tools/toolLoop';
import { maxToolSteps, pickTools, toolsLabel } from './tools/toolsPicker';

const SYSTEM_PROMPT = 'You are a helpful assistant inside VS Code. Answer in GitHub-flavoured markdown; put code in fenced blocks with a language tag.';

/**
 * The chat's host side: conversations, the model/API/family selection, attached context and the reply in flight.
 * It reacts to validated webview messages and talks to the service; the webview only displays.
 */
/** The per-conversation options the pills and commands set; each is left out of the selection at its default. */
type ChatOption = 'serviceTier' | 'store' | 'project' | 'reasoning' | 'promptCache';

export class ChatController extends Disposable {
  private storeInstance: ConversationStore | undefined;
  /** Another window changed the conversation while a reply streamed into it here: redraw once the reply ends. */
  private redrawAfterTurn = false;
  private chips: Chip[] = [];
  private inFlight: { abort: AbortController; done: Promise<void>; conversationId: string } | undefined;
  private catalogue: Catalogue | undefined;
  private countAbort: AbortController | undefined;
  /** The last draft count, reused by `send` when nothing changed since (no second CountTokens call). */
  private lastCount: { key: string; count: TokenCount } | undefined;
  private readonly turnEnded = this._register(new vscode.EventEmitter<StoredMessage>());
  /** A reply finished (stopped, failed or complete): tests and the panel's a11y announcements use it. */
  readonly onDidEndTurn = this.turnEnded.event;
  /** Replies run as background responses: watched until done, picked up again after a reload. */
  private readonly background: BackgroundTurns;
  constructor(private readonly host: ServiceHost, private readonly storageDir: string, private readonly post: (m: HostMessage) => void) {
    super();
    this.background = this._register(new BackgroundTurns({
      service: host.service,
      post: m => this.post(m),
      save: c => this.store.save(c),
      errorView: e => this.errorView(e),
      priceFor: model => currentPrice(model),
      ended: reply => this.turnEnded.fire(reply),
    }));
    this._register(host.onDidChange(() => { this.catalogue = undefined; this.postSelection(); }));
  }

  /** Read from disk when the chat is first used, not at activation. */
  get store(): ConversationStore {
    if (!this.storeInstance) {
      const store = (this.storeInstance = new ConversationStore(this.storageDir, { log: m => this.host.log.warn(m) }));
      this._register({ dispose: () => store.dispose() });
      this._register(store.onDidChange(c => this.changedElsewhere(c)));
      if (store.problem) this.reportStorageProblem(store.problem, store.blockedBy);
    }
    return this.storeInstance;
  }

  /** The chat opens anyway, with its conversations in memory; the user learns why they will not be kept. */
  private reportStorageProblem(problem: string, blockedBy: string | undefined): void {
    this.host.log.warn(`chat: ${problem}`);
    const reveal = 'Reveal the File';
    void vscode.window.showWarningMessage(problem, ...(blockedBy ? [reveal] : [])).then(choice => {
      if (choice === reveal && blockedBy) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(blockedBy));
    });
  }

  /** Another window changed, added or deleted a conversation: show it, but never redraw a reply while it streams. */
  private changedElsewhere(change: StoreChange): void {
    if (change.removed && this.inFlight?.conversationId === change.id) void this.stop();
    else if (this.inFlight && this.inFlight.conversationId === this.store.active.id) {
      this.redrawAfterTurn = true;
      return;
    }
    this.postConversation();
    this.postSelection();
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** The whole state, for a (re)loaded webview. */
  hydrate(): void {
    this.resumeBackground();
    this.postConversation();
    this.postSelection();
    this.post({ type: 'chips', chips: this.chips.map(chipView) });
    void this.host.service.catalogue().then(c => { this.catalogue = c; this.postSelection(); }, () => undefined);
  }

  selection(): Selection {
    const stored = this.store.active.selection;
    if (stored) return stored;
    const s = readSettings();
    return {
      model: s.defaultModel, apiStyle: s.defaultApiStyle === 'invoke-model' ? 'converse-stream' : s.defaultApiStyle, family: defaultFamily(s.defaultApiStyle, s.endpointFamily),
      ...(s.guardrail ? { guardrail: s.guardrail } : {}),
    };
  }

  async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'send': return this.send(m.text);
      case 'sendAnyway': return this.send(m.text, true);
      case 'sendInBackground': return this.send(m.text, true, true);
      case 'cancelBackground': return this.background.cancel(this.store.active, m.id);
      case 'countDraft': await this.countDraft(m.text); return;
      case 'stop': return this.stop();
      case 'retry': return this.retry(m.id);
      case 'editResend': return this.editResend(m.id, m.text);
      case 'copy': await vscode.env.clipboard.writeText(m.text); return;
      case 'codeAction': this.host.log.info(`chat code action ${m.action}: ${await runCodeAction(m.action, m.code, m.language)}`); return;
      case 'openLink': return openWebviewLink(m.url, this.host.log, 'chat');
      case 'errorAction': return this.errorAction(m.id);
      case 'pick': return this.pick(m.what);
      case 'newConversation': return this.newConversation();
      case 'renameConversation': return this.rename();
      case 'deleteConversation': return this.deleteActive();
      case 'attach': return this.attach(m.what);
      case 'attachImage': return this.addChips([imageChip(m.name, m.format, m.base64)]);
      case 'removeChip': this.chips = this.chips.filter(c => c.id !== m.id); this.postChips(); return;
      case 'ready':
      case 'runCommand':
        return; // handled by the view provider
    }
  }

  private userMessage(text: string, chips: Chip[]): StoredMessage {
    return {
      id: newMessageId(), role: 'user', text,
      ...(chips.length ? { attachments: chips.map(c => c.label) } : {}),
      sentText: composeWithContext(text, chips),
      ...(chips.some(c => c.kind === 'image') ? { images: chips.flatMap(c => (c.kind === 'image' ? [{ format: c.format, base64: c.base64 }] : [])) } : {}),
    };
  }

  /** The prompt the draft would make: the conversation so far, the draft with its attached context, the system prompt. */
  private draftPrompt(text: string): { prompt: CountablePrompt; key: string } {
    const conv = this.store.active;
    const model = this.selection().model;
    const key = JSON.stringify([conv.id, conv.messages.length, model, text, this.chips.map(c => c.id)]);
    return { key, prompt: { model, system: SYSTEM_PROMPT, messages: requestMessages([...conv.messages, this.userMessage(text, this.chips)]) } };
  }

  /** Counts the draft's prompt for the composer (CountTokens where the model has it); a newer draft cancels an older count. */
  async countDraft(text: string): Promise<TokenCount | undefined> {
    this.countAbort?.abort();
    const abort = (this.countAbort = new AbortController());
    const { prompt, key } = this.draftPrompt(text);
    try {
      const count = await this.host.service.countTokens(prompt, abort.signal);
      if (abort.signal.aborted) return undefined;
      this.lastCount = { key, count };
      this.post({ type: 'tokenCount', count });
      return count;
    } catch (e) {
      if (!abort.signal.aborted) this.host.log.warn(`chat: counting the draft failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** The count `send` checks: the draft's if still current; otherwise an estimate, made exact when it nears the limit. */
  private async promptCount(text: string): Promise<TokenCount> {
    const { prompt, key } = this.draftPrompt(text);
    if (this.lastCount?.key === key) return this.lastCount.count;
    const limit = contextLimit(prompt.model);
    const estimate: TokenCount = { tokens: estimateTokens(prompt.messages, prompt.system), method: 'estimate', ...(limit ? { limit } : {}) };
    if (!limit || estimate.tokens < limit / 2) return estimate;
    return this.host.service.countTokens(prompt);
  }

  /**
   * Sends the message; unless `force`, a prompt over the model's context window is handed back with a warning.
   * `background`: the reply runs as a background response (Responses on mantle only).
   */
  async send(text: string, force = false, background = false): Promise<void> {
    if (!text.trim() && !this.chips.length) return;
    const why = background ? backgroundUnavailable(this.selection()) : undefined;
    if (why) {
      void vscode.window.showWarningMessage(`Bedrock: ${why}`);
      return;
    }
    if (this.background.running(this.store.active)) {
      // the next turn chains on that reply, which the server has not finished
      void vscode.window.showWarningMessage('Bedrock: a background reply is still running in this chat. Wait for it or cancel it, then send again.');
      return;
    }
    if (!force) {
      const count = await this.promptCount(text);
      if (count.limit !== undefined && count.tokens > count.limit) {
        this.host.log.info(`chat: not sent, ${count.tokens} tokens exceed ${this.selection().model}'s ${count.limit}-token context window`);
        this.post({ type: 'overLimit', text, count });
        return;
      }
    }
    if (this.inFlight) await this.stop();
    const conv = this.store.active;
    const chips = this.chips;
    this.chips = [];
    this.postChips();
    const user = this.userMessage(text, chips);
    const first = !conv.messages.length;
    conv.messages.push(user);
    if (first) {
      // the first message names the conversation; the header and the (empty) transcript redraw once
      conv.title = titleFrom(text || chips[0]?.label || 'New chat');
      this.postConversation();
    } else {
      this.post({ type: 'messageStart', message: messageView(user) });
    }
    await this.reply(background);
  }

  private async reply(background = false): Promise<void> {
    const conv = this.store.active;
    const selection = withDefaultProject(this.selection(), readSettings().project);
    const guard = selection.guardrail ? ` · guardrail ${guardrailLabel(selection.guardrail)}${guardrailApplies(selection.apiStyle, selection.family) ? '' : ' not applied'}` : '';
    const tools = enabledTools(selection.tools, selection.apiStyle);
    const startReply = async (): Promise<StoredMessage> => {
      const reply: StoredMessage = {
        id: newMessageId(), role: 'assistant', text: '', streaming: !background,
        via: `${selection.model} · ${API_STYLE_LABELS[selection.apiStyle]} · bedrock-${selection.family}${guard}${projectFooter(selection)}${background ? ' · background' : ''}`,
        // a background reply is one response the server runs alone: no tool loop
        ...(background ? { background: { status: 'queued' as const } } : toolsNote(selection)),
      };
      conv.messages.push(reply);
      await this.store.save(conv);
      this.post({ type: 'messageStart', message: { ...reply } });
      return reply;
    };
    let reply = await startReply();
    if (background) return this.background.start(conv, reply, selection, SYSTEM_PROMPT);
    const abort = new AbortController();
    const turnDeps = {
      service: this.host.service,
      post: this.post,
      // this conversation, even if the user switched to another while it streams
      save: () => this.store.save(conv),
      errorView: (e: BedrockError) => this.errorView(e),
      priceFor: (model: string) => currentPrice(model),
      tools: toolSpecs(tools),
    };
    const done = runToolLoop(reply, {
      step: r => runTurn(conv, r, selection, SYSTEM_PROMPT, abort.signal, turnDeps),
      nextReply: async () => (reply = await startReply()),
      runTool: (name, input, signal) => runChatTool(tools, name, input, signal),
      show: (r, final) => this.post(final ? { type: 'messageEnd', message: messageView(r) } : { type: 'toolCalls', id: r.id, toolCalls: r.toolCalls ?? [] }),
      save: () => this.store.save(conv),
      maxSteps: maxToolSteps(DEFAULT_MAX_TOOL_STEPS),
      signal: abort.signal,
    }).then(() => undefined, e => this.host.log.error(`chat turn failed: ${e instanceof Error ? e.stack : String(e)}`))
      .finally(() => {
        if (this.inFlight?.abort === abort) this.inFlight = undefined;
        if (this.redrawAfterTurn && !this.inFlight) {
          this.redrawAfterTurn = false;
          this.postConversation();
          this.postSelection();
        }
        this.turnEnded.fire(reply);
      });
    this.inFlight = { abort, done, conversationId: conv.id };
    await done;
  }

  async stop(): Promise<void> {
    const f = this.inFlight;
    if (!f) return;
    f.abort.abort();
    await f.done;
  }

  private errorView(e: BedrockError): ErrorView {
    this.host.log.error(e.detail);
    return { message: e.message, retryable: e.retryable, ...(e.action ? { action: e.action, actionLabel: actionLabel(e.action) } : {}) };
  }

  /** Drops the reply (and everything after it) and asks again with the same history. */
  async retry(id: string): Promise<void> {
    if (this.inFlight) await this.stop();
    const conv = this.store.active;
    const i = conv.messages.findIndex(m => m.id === id && m.role === 'assistant');
    if (i < 0) return;
    const background = !!conv.messages[i].background;
    conv.messages.splice(i);
    this.postConversation();
    await this.reply(background && !backgroundUnavailable(this.selection()));
  }

  /** Replaces a user message (dropping what came after it) and sends it again. */
  async editResend(id: string, text: string): Promise<void> {
    if (this.inFlight) await this.stop();
    const conv = this.store.active;
    const i = conv.messages.findIndex(m => m.id === id && m.role === 'user');
    if (i < 0) return;
    const old = conv.messages[i];
    conv.messages.splice(i);
    conv.messages.push(editedUserMessage(old, text));
    this.postConversation();
    await this.reply();
  }

  private async errorAction(id: string): Promise<void> {
    const m = this.store.active.messages.find(x => x.id === id);
    if (!m?.error?.action) return;
    if ((await runErrorAction(m.error.action, this.host.log)) === 'retry') await this.retry(id);
  }


  /** The conversation's service tier: `choice` given (the command's argument) or picked; returns what is now set. */
  async chooseServiceTier(choice?: unknown): Promise<TierChoice | undefined> {
    const current = this.selection();
    const next = isTierChoice(choice) ? choice : await pickServiceTier(current.serviceTier);
    if (!next) return undefined;
    await this.setOption('serviceTier', next === 'none' ? undefined : next);
    return next;
  }

  /**
   * Turns server-side state for the active conversation on or off (`on` given: the command's argument). Off sends
   * `store: false` on Responses and the whole history each turn; the choice is kept with the conversation.
   */
  async toggleServerState(on?: unknown): Promise<boolean> {
    const current = this.selection();
    const next = typeof on === 'boolean' ? on : !keepsStateOnServer(current);
    await this.setOption('store', next ? undefined : false);
    const where = current.apiStyle === 'responses' ? '' : ` (it applies when the chat uses ${API_STYLE_LABELS.responses})`;
    void vscode.window.showInformationMessage(next
      ? `Bedrock: this chat is stored on the server and each turn chains on the last reply${where}.`
      : `Bedrock: this chat is kept off the server (store: false); each turn sends the whole history${where}.`);
    return next;
  }

  /** The active conversation's project: `choice` given (the command's argument) or picked; returns what is now set. */
  async chooseProject(choice?: unknown): Promise<ProjectRef | 'setting' | undefined> {
    const current = this.selection();
    const next = isProjectRef(choice) || choice === 'setting' ? choice : await pickProject(this.host, current);
    if (!next) return undefined;
    await this.setOption('project', next === 'setting' ? undefined : next);
    return next;
  }

  /** The conversation's reasoning: `choice` given (the command's argument: 'off', `{ budgetTokens }`, `{ effort }`) or picked. */
  async chooseReasoning(choice?: unknown): Promise<ReasoningOptions | 'off' | undefined> {
    const current = this.selection();
    const next = isReasoningChoice(choice) ? choice : await pickReasoning(current);
    if (!next) return undefined;
    await this.setOption('reasoning', next === 'off' ? undefined : next);
    return next;
  }

  /** Prompt caching for the active conversation on or off (`on` given: the command's argument); on by default. */
  async togglePromptCache(on?: unknown): Promise<boolean> {
    const current = this.selection();
    const next = typeof on === 'boolean' ? on : current.promptCache === false;
    await this.setOption('promptCache', next ? undefined : false);
    return next;
  }

  /** Watches every unfinished background reply of every conversation (after a reload, or when the chat opens). */
  resumeBackground(): void {
    this.background.resume(this.store.list().map(c => this.store.get(c.id)).filter((c): c is Conversation => !!c));
  }

  /** The active conversation's tools: `choice` given (the command's argument: tool names) or picked; returns what is now set. */
  async chooseTools(choice?: unknown): Promise<string[] | undefined> {
    const current = this.selection();
    const next = Array.isArray(choice) && choice.every(c => typeof c === 'string') ? choice as string[] : await pickTools(current);
    if (!next) return undefined;
    const { tools: _old, ...rest } = current;
    await this.setSelection(next.length ? { ...rest, tools: next } : rest);
    return next;
  }

  private async pick(what: PickTarget): Promise<void> {
    if (what === 'conversation') return this.pickConversation();
    if (what === 'guardrail') return this.pickGuardrail();
    // the per-conversation options, each with its own picker or switch (also a command)
    const option: Partial<Record<PickTarget, () => Promise<unknown>>> = {
      serviceTier: () => this.chooseServiceTier(), project: () => this.chooseProject(), serverState: () => this.toggleServerState(),
      reasoning: () => this.chooseReasoning(), promptCache: () => this.togglePromptCache(), tools: () => this.chooseTools(),
    };
    const choose = option[what];
    if (choose) {
      await choose();
      this.post({ type: 'focusInput' });
      return;
    }
    const cat = what === 'model' ? await loadCatalogueWithProgress(this.host, false) : this.catalogue;
    if (what === 'model' && !cat) return;
    if (cat) this.catalogue = cat;
    const current = this.selection();
    const next = what === 'model' ? await pickModel(cat!, current) : what === 'apiStyle' ? await pickApiStyle(this.catalogue, current) : await pickFamily(this.catalogue, current);
    if (next) await this.setSelection(next);
    this.post({ type: 'focusInput' });
  }

  private async pickGuardrail(): Promise<void> {
    const current = this.selection();
    const choice = await pickGuardrail(this.host, current.guardrail, 'Guardrail for this chat');
    if (choice !== undefined) {
      const { guardrail: _old, ...rest } = current;
      await this.setSelection(choice ? { ...rest, guardrail: choice } : rest);
    }
    this.post({ type: 'focusInput' });
  }

  async setSelection(next: Selection): Promise<void> {
    this.store.active.selection = next;
    await this.store.save();
    this.postSelection();
  }

  /** Sets one of the active conversation's options (ChatOption); undefined leaves it out (its default), rather than storing it. */
  private async setOption<K extends ChatOption>(key: K, value: Selection[K]): Promise<void> {
    const next: Selection = { ...this.selection() };
    if (value === undefined) delete next[key]; else next[key] = value;
    await this.setSelection(next);
  }

  private async pickConversation(): Promise<void> {
    const items = this.store.list().map(c => ({ label: c.title, description: new Date(c.updatedAt).toLocaleString(), id: c.id }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Conversations', placeHolder: 'Switch to a conversation' });
    if (picked) await this.switchTo(picked.id);
  }

  async switchTo(id: string): Promise<void> {
    if (await this.store.switchTo(id)) {
      this.postConversation();
      this.postSelection();
    }
  }

  async newConversation(): Promise<void> {
    if (this.inFlight) await this.stop();
    await this.store.create(this.store.active.selection);
    this.postConversation();
    this.postSelection();
    this.post({ type: 'focusInput' });
  }

  private async rename(): Promise<void> {
    const c = this.store.active;
    const title = await vscode.window.showInputBox({ title: 'Rename conversation', value: c.title, validateInput: v => (v.trim() ? undefined : 'A title cannot be empty.') });
    if (title === undefined) return;
    await this.store.rename(c.id, title);
    this.postConversation();
  }

  private async deleteActive(): Promise<void> {
    const c = this.store.active;
    const ok = await vscode.window.showWarningMessage(`Delete the conversation "${c.title}"?`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return;
    if (this.inFlight?.conversationId === c.id) await this.stop();
    await this.store.delete(c.id);
    this.postConversation();
    this.postSelection();
  }

  async attach(what: 'selection' | 'activeFile' | 'files'): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (what === 'selection') {
      const chip = selectionChip(editor);
      if (!chip) void vscode.window.showInformationMessage('Bedrock: select some code in an editor first.');
      else this.addChips([chip]);
    } else if (what === 'activeFile') {
      if (!editor) void vscode.window.showInformationMessage('Bedrock: open a file first.');
      else this.addChips([documentChip(editor.document)]);
    } else {
      this.addChips(await pickFileChips());
    }
  }

  private addChips(chips: Chip[]): void {
    this.chips.push(...chips);
    this.postChips();
  }

  private postChips(): void {
    this.post({ type: 'chips', chips: this.chips.map(chipView) });
  }

  private postConversation(): void {
    this.post({ type: 'conversation', conversation: toView(this.store.active), conversations: this.store.list(), busy: this.busy });
  }

  private postSelection(): void {
    const selection = this.selection();
    this.post({ type: 'selection', selection: { ...selectionView(this.catalogue, selection, readSettings().project), toolsLabel: toolsLabel(selection) } });
  }

  override dispose(): void {
    this.inFlight?.abort.abort();
    this.countAbort?.abort();
    super.dispose();
  }
}
