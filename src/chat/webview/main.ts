import type { ConversationView, HostMessage, MessageView, SelectionView, StatusView } from '../protocol';
import { Composer } from './view/composer';
import { button, el, icon, post } from './view/dom';
import { warmUpRenderer } from '../../webviewKit/webview/render';
import { pageHeading, showValue } from '../../webviewKit/webview/elements';
import { FollowEnd } from './view/followEnd';
import { MessageElement } from './view/messageView';

/**
 * The chat webview. It only displays: every decision (what to send, where, with which credentials) is the host's.
 * Streaming replies go through MessageElement's renderer, which batches per animation frame and re-renders only
 * the open tail block; older messages are never touched by a stream.
 */
const app = document.getElementById('app') as HTMLElement;
const title = el('button', { type: 'button', class: 'conversation-title', 'aria-label': 'Switch conversation' });
const heading = pageHeading('Bedrock chat');
title.addEventListener('click', () => post({ type: 'pick', what: 'conversation' }));
const header = el('header', { class: 'toolbar' }, title, el('span', { class: 'spacer' }),
  button('New chat', 'add', () => post({ type: 'newConversation' }), { iconOnly: true, cls: 'icon-button' }),
  button('Rename chat', 'edit', () => post({ type: 'renameConversation' }), { iconOnly: true, cls: 'icon-button' }),
  button('Delete chat', 'trash', () => post({ type: 'deleteConversation' }), { iconOnly: true, cls: 'icon-button' }));

const modelButton = el('button', { type: 'button', class: 'pill', id: 'pick-model', 'aria-label': 'Choose model' });
const styleButton = el('button', { type: 'button', class: 'pill', id: 'pick-style', 'aria-label': 'Choose API style' });
const familyButton = el('button', { type: 'button', class: 'pill', id: 'pick-family', 'aria-label': 'Choose endpoint family' });
const guardrailButton = el('button', { type: 'button', class: 'pill', id: 'pick-guardrail', 'aria-label': 'Choose guardrail' });
const tierButton = el('button', { type: 'button', class: 'pill', id: 'pick-tier', 'aria-label': 'Choose service tier' });
const projectButton = el('button', { type: 'button', class: 'pill', id: 'pick-project', 'aria-label': 'Choose project' });
const serverStateButton = el('button', { type: 'button', class: 'pill', id: 'toggle-server-state', 'aria-label': 'Keep this chat on the server or not' });
tierButton.addEventListener('click', () => post({ type: 'pick', what: 'serviceTier' }));
projectButton.addEventListener('click', () => post({ type: 'pick', what: 'project' }));
serverStateButton.addEventListener('click', () => post({ type: 'pick', what: 'serverState' }));
const reasoningButton = el('button', { type: 'button', class: 'pill', id: 'pick-reasoning', 'aria-label': 'Choose reasoning' });
const cacheButton = el('button', { type: 'button', class: 'pill', id: 'toggle-cache', 'aria-label': 'Turn prompt caching on or off' });
reasoningButton.addEventListener('click', () => post({ type: 'pick', what: 'reasoning' }));
cacheButton.addEventListener('click', () => post({ type: 'pick', what: 'promptCache' }));
const toolsButton = el('button', { type: 'button', class: 'pill', id: 'pick-tools', 'aria-label': 'Choose tools' });
toolsButton.addEventListener('click', () => post({ type: 'pick', what: 'tools' }));
modelButton.addEventListener('click', () => post({ type: 'pick', what: 'model' }));
styleButton.addEventListener('click', () => post({ type: 'pick', what: 'apiStyle' }));
familyButton.addEventListener('click', () => post({ type: 'pick', what: 'family' }));
guardrailButton.addEventListener('click', () => post({ type: 'pick', what: 'guardrail' }));
const selectionWarning = el('div', { class: 'selection-warning', role: 'status' });
const selectionBar = el('div', { class: 'selection-bar' }, modelButton, styleButton, familyButton, guardrailButton, tierButton, projectButton, serverStateButton, reasoningButton, cacheButton, toolsButton);

const statusBox = el('section', { id: 'status', class: 'status', 'aria-label': 'Bedrock connection status' });
const transcript = el('div', { id: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
const emptyHint = el('div', { class: 'empty-hint' }, el('p', {}, 'Ask a question, or attach the selection or a file first.'));
const composer = new Composer();
app.replaceChildren(heading, header, selectionBar, selectionWarning, statusBox, transcript, composer.root);

const messages = new Map<string, MessageElement>();
/** The conversation the transcript shows, and the restore still rendering its older replies (see renderConversation). */
let shownConversation: string | undefined;
let restoring: { cancelled: boolean } | undefined;
/** Replies rendered at once when a conversation is drawn, newest first, before the older ones go to idle time. */
const RESTORE_BUDGET_MS = 30;
const RESTORE_SLICE_MS = 12;

function renderStatus(s: StatusView): void {
  statusBox.hidden = s.configured;
  if (s.configured) return;
  statusBox.replaceChildren(
    el('h2', {}, icon('debug-disconnect'), 'No backend configured'),
    el('p', { id: 'status-summary' }, s.summary),
    el('div', { class: 'actions' },
      button('Sign in', 'account', () => post({ type: 'runCommand', command: 'bedrock.signIn' })),
      button('Region', 'globe', () => post({ type: 'runCommand', command: 'bedrock.chooseRegion' })),
      button('Settings', 'gear', () => post({ type: 'runCommand', command: 'bedrock.openSettings' })),
      button('Log', 'output', () => post({ type: 'runCommand', command: 'bedrock.showLog' }))));
}

function renderSelection(s: SelectionView): void {
  showValue(modelButton, { before: 'hubot' }, s.modelName, 'choose model');
  modelButton.title = s.model;
  showValue(styleButton, { before: 'symbol-interface' }, s.apiStyleLabel, 'choose API style');
  showValue(familyButton, { before: 'cloud' }, `bedrock-${s.family}`, 'choose endpoint family');
  showOption(guardrailButton, 'shield', s.guardrailLabel ?? 'No guardrail', 'choose guardrail', !s.guardrailLabel);
  showOption(tierButton, 'dashboard', s.serviceTierLabel, 'choose service tier', !s.serviceTier);
  showOption(projectButton, 'project', s.projectLabel, 'choose project', s.projectLabel === 'Default project');
  // only Responses keeps state on the server
  serverStateButton.hidden = !s.serverStateLabel;
  if (s.serverStateLabel) showOption(serverStateButton, s.serverStateLabel === 'Not stored' ? 'circle-slash' : 'server', s.serverStateLabel, 'keep on the server or not', s.store !== false);
  showOption(reasoningButton, 'lightbulb', s.reasoningLabel, 'choose reasoning', !s.reasoning);
  cacheButton.hidden = !s.cacheLabel;
  if (s.cacheLabel) showOption(cacheButton, 'database', s.cacheLabel, 'turn prompt caching on or off', s.promptCache !== false);
  composer.setBackground(s.backgroundUnavailable);
  showOption(toolsButton, 'tools', s.toolsLabel ?? 'No tools', 'choose tools', !s.tools?.length);
  selectionWarning.replaceChildren(...(s.warning ? [icon('warning'), s.warning] : []));
  composer.acceptsImages = s.acceptsImages;
  composer.requestCount();
}

/**
 * A per-conversation option (guardrail, tier, project, server state, reasoning, caching, tools). Changed from its
 * default it shows its value; at its default only its icon, with the value in the tooltip and the accessible name,
 * so the options fit one line of a narrow side bar and what the user changed stands out.
 */
function showOption(control: HTMLElement, glyph: string, text: string, purpose: string, atDefault: boolean): void {
  showValue(control, { before: glyph }, text, purpose);
  control.title = text;
  control.classList.toggle('at-default', atDefault);
  if (atDefault) control.replaceChildren(icon(glyph));
}

/** The composer holds the next message while a background reply in this conversation is unfinished. */
function noteBackground(): void {
  composer.backgroundRunning = [...messages.values()].some(v => v.runningInBackground);
}

function addMessage(m: MessageView): MessageElement {
  emptyHint.remove();
  const view = new MessageElement(m);
  messages.set(m.id, view);
  transcript.append(view.root);
  followLast(view);
  return view;
}

/**
 * Draws a conversation. The host sends the whole conversation after a reload, a switch, a retry, an edit or a rename:
 * messages it already shows unchanged are kept as they are (a retry redraws only what follows the retried turn), and
 * a long conversation is not rendered in one task: the newest replies are rendered now (within RESTORE_BUDGET_MS),
 * the older ones in idle slices, newest first, while the transcript is marked busy for assistive technology.
 */
function renderConversation(c: ConversationView, busy: boolean): void {
  if (restoring) restoring.cancelled = true;
  restoring = undefined;
  const same = c.id === shownConversation;
  shownConversation = c.id;
  const byId = new Map(c.messages.map(m => [m.id, m]));
  const kept = new Map<string, MessageElement>();
  for (const [id, view] of messages) {
    const m = byId.get(id);
    if (same && m && JSON.stringify(m) === view.source) kept.set(id, view);
    else view.dispose();
  }
  messages.clear();
  follow.forget();
  showValue(title, { before: 'comment-discussion', after: 'chevron-down' }, c.title, 'switch conversation');
  const views = c.messages.map(m => kept.get(m.id) ?? new MessageElement(m, { deferBody: true }));
  c.messages.forEach((m, i) => messages.set(m.id, views[i]));
  // keep the run of the transcript that is already in place (not re-inserted, so not restyled), then add the rest
  let inPlace = 0;
  while (inPlace < views.length && transcript.children[inPlace] === views[inPlace].root) inPlace++;
  while (transcript.children.length > inPlace) transcript.lastElementChild?.remove();
  transcript.append(...views.slice(inPlace).map(v => v.root));
  if (!c.messages.length) transcript.append(emptyHint);
  const last = views[views.length - 1];
  if (last) followLast(last);
  renderRestored(views.filter(v => v.bodyPending).reverse());
  composer.setBusy(busy);
  noteBackground();
  composer.requestCount();
}

/**
 * Only the last message can grow (a stream appends to it), so only it is watched: a size observer on every message
 * of a long conversation costs each frame of a stream a check per message. Older replies that render after a restore
 * grow above the view, where the browser's scroll anchoring keeps the end in place.
 */
function followLast(view: MessageElement): void {
  follow.forget();
  follow.watch(view.root);
}

/** Renders deferred replies, newest first: for RESTORE_BUDGET_MS now, the rest in idle slices. */
function renderRestored(pending: MessageElement[]): void {
  const renderFor = (ms: number) => {
    const until = performance.now() + ms;
    do pending.shift()?.renderBody(); while (pending.length && performance.now() < until);
  };
  renderFor(RESTORE_BUDGET_MS);
  if (!pending.length) {
    transcript.removeAttribute('aria-busy');
    return;
  }
  transcript.setAttribute('aria-busy', 'true');
  const run = { cancelled: false };
  restoring = run;
  const slice = () => {
    if (run.cancelled) return;
    renderFor(RESTORE_SLICE_MS);
    if (pending.length) {
      requestIdleCallback(slice, { timeout: 200 });
      return;
    }
    transcript.removeAttribute('aria-busy');
    restoring = undefined;
  };
  requestIdleCallback(slice, { timeout: 200 });
}

/** Follow the stream only while the user is at the bottom; never yank them back while they read earlier text. */
const follow = new FollowEnd(transcript);

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case 'status': renderStatus(m.status); break;
    case 'selection': renderSelection(m.selection); break;
    case 'conversation': renderConversation(m.conversation, m.busy); break;
    case 'chips': composer.setChips(m.chips); composer.requestCount(); break;
    case 'messageStart':
      addMessage(m.message);
      // a background reply does not hold the composer: it is watched on the host
      if (m.message.role === 'assistant' && m.message.streaming) composer.setBusy(true);
      noteBackground();
      break;
    case 'messageUpdate': {
      // another conversation's reply is not on screen; it is drawn from the store when switched to
      const view = messages.get(m.message.id);
      if (!view) break;
      view.end(m.message);
      noteBackground();
      void view.whenIdle().then(() => { document.body.dataset.lastUpdated = `${m.message.id}:${m.message.background?.status ?? ''}`; });
      break;
    }
    case 'delta':
      messages.get(m.id)?.append(m);
      break;
    case 'messageEnd': {
      const view = messages.get(m.message.id) ?? addMessage(m.message);
      view.end(m.message);
      // a step that ended with calls still to run is not the end of the turn: the tools run next (no busy flicker)
      composer.setBusy(!m.message.error && (m.message.toolCalls ?? []).some(t => t.result === undefined));
      composer.requestCount();
      // tests (and screen-reader users) learn the reply is on screen once it has rendered
      void view.whenIdle().then(() => { document.body.dataset.lastRendered = m.message.id; });
      break;
    }
    case 'toolCalls':
      // the turn goes on (tools run, then the model is asked again): Stop stays available
      messages.get(m.id)?.updateTools(m.toolCalls, true);
      composer.setBusy(true);
      break;
    case 'focusInput': composer.focus(); break;
    case 'tokenCount': composer.showCount(m.count); break;
    case 'overLimit': composer.overLimit(m.text, m.count); break;
  }
});

document.addEventListener('keydown', e => {
  if (e.key === 'Escape' && composer.root.classList.contains('busy')) {
    e.preventDefault();
    post({ type: 'stop' });
  }
});

post({ type: 'ready' });
// the renderer's one-time compilation (markdown, sanitiser, highlight grammars) runs now, not in the first reply;
// the benchmark waits for it, as a user's first reply after opening the view usually does
void warmUpRenderer().then(() => { document.body.dataset.rendererWarm = 'true'; });
composer.focus();
