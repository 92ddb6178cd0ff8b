import * as vscode from 'vscode';
import { readSettings } from '../../common/settings';
import { choosableIds, type Catalogue } from '../../service/catalogue/modelCatalogue';
import { foundationModelArn, parseTags, type ApplicationProfile } from '../../service/control/inferenceProfiles';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { asBedrockError, linkedAbort } from '../commandContext';
import { showBedrockError } from '../../frontEndKit/errors/errorActions';
import { rememberChoice, rememberedChoice } from '../../frontEndKit/pickers/modelChoice';
import { loadCatalogueWithProgress } from '../modelCommands';

export interface ManageProfilesArgs {
  action?: 'list' | 'create' | 'delete' | 'use';
  /** create: the profile's name. */
  name?: string;
  /** create: a foundation model id, a system profile id (`us.…`), or either's ARN. */
  source?: string;
  /** create: `key=value, key=value` or the list. */
  tags?: string | { key: string; value: string }[];
  description?: string;
  /** delete / use: the profile's ARN. */
  arn?: string;
  /** delete: answer the confirmation in advance. */
  confirm?: boolean;
}

const NAME = /^[0-9a-zA-Z]([ _.:0-9a-zA-Z-]){0,63}$/;

/** Runs a control-plane call under a cancellable progress notification; undefined when cancelled or failed (shown). */
async function withProgress<T>(host: ServiceHost, title: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: ${title}`, cancellable: true }, async (_p, token) => {
    const abort = linkedAbort(token);
    try {
      return await run(abort.signal);
    } catch (e) {
      if (!abort.signal.aborted) void showBedrockError(asBedrockError(e), host.log);
      return undefined;
    } finally {
      abort.dispose();
    }
  });
}

/**
 * "Bedrock: Manage Application Inference Profiles": list the account's application profiles, create one (name,
 * source model or system profile, tags) so usage and cost can be tracked per team or application, use one as the
 * model (its ARN goes wherever a model id goes), or delete one. Every step takes its input as an argument too.
 */
export async function manageInferenceProfiles(host: ServiceHost, state: vscode.Memento, args: ManageProfilesArgs = {}): Promise<unknown> {
  switch (args.action) {
    case 'list': return withProgress(host, 'listing application inference profiles…', s => host.service.listApplicationProfiles(s));
    case 'create': return createProfile(host, state, args);
    case 'delete': return args.arn ? deleteProfile(host, args.arn, args.confirm) : undefined;
    case 'use': return args.arn ? useProfile(state, args.arn) : undefined;
  }
  const profiles = await withProgress(host, 'listing application inference profiles…', s => host.service.listApplicationProfiles(s));
  if (!profiles) return undefined;
  const current = readSettings().defaultModel;
  type Item = vscode.QuickPickItem & { profile?: ApplicationProfile; create?: boolean };
  const items: Item[] = [
    { label: '$(add) Create application inference profile…', detail: 'Copies a model or a cross-region profile under your own name and tags, for cost tracking', create: true },
    ...(profiles.length ? [{ label: 'In this account', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...profiles.map(p => ({ label: `${p.arn === current ? '$(check) ' : '$(tag) '}${p.name}`, description: p.modelIds.join(', '), detail: p.arn, profile: p })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Application inference profiles', placeHolder: profiles.length ? 'Choose a profile, or create one' : 'No application inference profiles yet', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.create) return createProfile(host, state, args);
  const p = picked.profile!;
  const action = await vscode.window.showQuickPick([
    { label: '$(check) Use as the model', description: 'default model for the chat and the editor commands', id: 'use' },
    { label: '$(copy) Copy ARN', id: 'copy' },
    { label: '$(trash) Delete…', id: 'delete' },
  ], { title: p.name, placeHolder: p.arn });
  if (action?.id === 'use') return useProfile(state, p.arn);
  if (action?.id === 'copy') { await vscode.env.clipboard.writeText(p.arn); return p.arn; }
  if (action?.id === 'delete') return deleteProfile(host, p.arn, args.confirm);
  return undefined;
}

/** The ARN a profile copies from: ids from the catalogue become model or system-profile ARNs, ARNs stay. */
export function sourceArn(cat: Catalogue | undefined, region: string, source: string): string {
  if (source.startsWith('arn:')) return source;
  const system = cat?.profiles.find(p => p.id === source);
  if (system?.arn) return system.arn;
  return foundationModelArn(region, source);
}

async function pickSource(cat: Catalogue): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { source?: string };
  const items: Item[] = [];
  for (const m of cat.models.filter(x => x.families.includes('runtime'))) {
    for (const id of choosableIds(m, 'runtime')) items.push({ label: m.name, description: id, detail: id === m.id ? 'foundation model (this region only)' : 'cross-region inference profile', source: id });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'New application inference profile (2/3): what it routes to', placeHolder: 'A model, or a system inference profile for cross-region routing', matchOnDescription: true, matchOnDetail: true });
  return picked?.source;
}

async function createProfile(host: ServiceHost, state: vscode.Memento, args: ManageProfilesArgs): Promise<{ arn: string } | undefined> {
  const name = args.name ?? await vscode.window.showInputBox({
    title: 'New application inference profile (1/3): name', prompt: 'Letters, digits, spaces, _ . : - (up to 64)', ignoreFocusOut: true,
    validateInput: v => (NAME.test(v) ? undefined : 'Start with a letter or digit; then letters, digits, spaces, _ . : or - (64 at most).'),
  });
  if (!name) return undefined;
  const cat = args.source ? host.service.catalogue().catch(() => undefined) : loadCatalogueWithProgress(host, false);
  const catalogue = await cat;
  const source = args.source ?? (catalogue ? await pickSource(catalogue) : undefined);
  if (!source) return undefined;
  let tags = Array.isArray(args.tags) ? args.tags : undefined;
  if (!tags) {
    const text = typeof args.tags === 'string' ? args.tags : await vscode.window.showInputBox({
      title: 'New application inference profile (3/3): tags', prompt: 'Cost-allocation tags as key=value, separated by commas (optional)', placeHolder: 'team=search, app=assistant', ignoreFocusOut: true,
      validateInput: v => parseTags(v).error,
    });
    if (text === undefined) return undefined;
    const parsed = parseTags(text);
    if (parsed.error) { void vscode.window.showErrorMessage(`Bedrock: ${parsed.error}`); return undefined; }
    tags = parsed.tags;
  }
  const region = readSettings().region;
  const arn = await withProgress(host, `creating ${name}…`, s => host.service.createApplicationProfile({ name, copyFrom: sourceArn(catalogue, region, source), description: args.description, tags }, s));
  if (!arn) return undefined;
  host.log.info(`created application inference profile ${name}: ${arn}`);
  if (args.action !== 'create') {
    void vscode.window.showInformationMessage(`Bedrock: created ${name}.`, 'Use as the Model').then(c => c && useProfile(state, arn));
  }
  return { arn };
}

async function deleteProfile(host: ServiceHost, arn: string, confirm?: boolean): Promise<boolean> {
  const ok = confirm ?? (await vscode.window.showWarningMessage(`Delete the application inference profile ${arn}? Requests using it will fail.`, { modal: true }, 'Delete')) === 'Delete';
  if (!ok) return false;
  const done = await withProgress(host, 'deleting the profile…', async s => { await host.service.deleteApplicationProfile(arn, s); return true; });
  if (done && readSettings().defaultModel === arn) {
    await vscode.workspace.getConfiguration('bedrock').update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
  }
  return done ?? false;
}

/** The profile's ARN becomes the model: the default model setting and the editor commands' remembered choice. */
async function useProfile(state: vscode.Memento, arn: string): Promise<string> {
  await vscode.workspace.getConfiguration('bedrock').update('defaultModel', arn, vscode.ConfigurationTarget.Global);
  const last = rememberedChoice(state);
  const runtimeStyle = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream'].includes(last.apiStyle) ? last.apiStyle : 'converse-stream';
  await rememberChoice(state, { model: arn, apiStyle: runtimeStyle });
  void vscode.window.setStatusBarMessage('Bedrock: the application inference profile is now the default model', 5000);
  return arn;
}
