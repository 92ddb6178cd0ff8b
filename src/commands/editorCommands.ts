import * as vscode from 'vscode';
import { OutputDocuments } from '../frontEndKit/panes/outputDocuments';
import type { ServiceHost } from '../service/vscode/serviceHost';
import type { WhichApiArgs } from './whichApiCommand';
import type { CheckGuardrailArgs, ChooseGuardrailArgs } from './guardrails/guardrailCommands';
import type { ManageProfilesArgs } from './profiles/manageInferenceProfiles';
import type { CommandDeps } from './commandContext';
import { invokeModel, type InvokeModelArgs } from './invoke/invokeModel';
import { askAboutSelection, explainSelection, refactorSelection, type SelectionArgs } from './invoke/selectionCommands';
import { JobsTree } from './jobs/jobsTree';
import type { VideoJobArgs } from './jobs/videoJobCommand';
import type { RawPayloadArgs, RawPayloadCommand } from './rawPayload/rawPayloadCommand';
import type { EmbeddingsArgs } from './runtimeJobs/embeddingsCommand';
import type { ImageArgs } from './runtimeJobs/imageCommand';
import type { RerankArgs } from './runtimeJobs/rerankCommand';
import type { SonicArgs } from './runtimeJobs/sonicCommand';

/** How often the Jobs view polls jobs in progress (`bedrock.jobs.pollIntervalSeconds`). */
function pollIntervalMs(): number {
  const s = vscode.workspace.getConfiguration('bedrock').get<number>('jobs.pollIntervalSeconds') ?? 15;
  return Math.max(0.2, s) * 1000;
}

/**
 * The command-palette commands that call Bedrock and show the result in editor panes, the Jobs view, and the
 * `bedrock-output:` documents they write into. Every command takes its inputs as an argument object too, so it runs
 * without UI (tests, keybindings with args); missing inputs are asked for. The commands people run now and then
 * (raw payloads, embeddings, images, video, Sonic, guardrails, profiles, the API advisor) import their module when
 * first run: the build puts each behind its own chunk, so activation does not load them.
 */
export function registerEditorCommands(host: ServiceHost, context: vscode.ExtensionContext): vscode.Disposable[] {
  const docs = new OutputDocuments();
  const deps: CommandDeps = { host, docs, workspaceState: context.workspaceState, storage: context.globalStorageUri };
  const jobs = new JobsTree(host, pollIntervalMs);
  let raw: Promise<RawPayloadCommand> | undefined;
  const rawPayload = () => (raw ??= import('./rawPayload/rawPayloadCommand.js').then(m => new m.RawPayloadCommand(host, docs, context.globalStorageUri, context.workspaceState)));
  // Arguments come from callers we do not control (keybindings, other extensions): each command treats them as optional.
  const command = <A>(id: string, run: (args?: A) => unknown) => vscode.commands.registerCommand(id, (args?: A) => run(args));
  return [
    docs,
    jobs,
    { dispose: () => void raw?.then(r => r.dispose()) },
    command<InvokeModelArgs>('bedrock.invokeModel', args => invokeModel(deps, args)),
    command<SelectionArgs>('bedrock.askAboutSelection', args => askAboutSelection(deps, args)),
    command<SelectionArgs>('bedrock.explainSelection', args => explainSelection(deps, args)),
    command<SelectionArgs>('bedrock.refactorSelection', args => refactorSelection(deps, args)),
    command<RawPayloadArgs>('bedrock.invokeRawPayload', async args => (await rawPayload()).run(args)),
    command<EmbeddingsArgs>('bedrock.generateEmbeddings', async args => (await import('./runtimeJobs/embeddingsCommand.js')).generateEmbeddings(deps, args)),
    command<RerankArgs>('bedrock.rerankDocuments', async args => (await import('./runtimeJobs/rerankCommand.js')).rerankDocuments(deps, args)),
    command<ImageArgs>('bedrock.generateImage', async args => (await import('./runtimeJobs/imageCommand.js')).generateImageCommand(deps, args)),
    command<VideoJobArgs>('bedrock.startVideoJob', async args => (await import('./jobs/videoJobCommand.js')).startVideoJob(deps, jobs, args)),
    command<{ fetch?: boolean }>('bedrock.refreshJobs', args => args?.fetch === false ? jobs.rows() : jobs.refresh()),
    command<SonicArgs>('bedrock.speakWithNovaSonic', async args => (await import('./runtimeJobs/sonicCommand.js')).speakWithNovaSonic(deps, args)),
    command<WhichApiArgs>('bedrock.whichApi', async args => (await import('./whichApiCommand.js')).whichApi(args)),
    command<ChooseGuardrailArgs>('bedrock.chooseGuardrail', async args => (await import('./guardrails/guardrailCommands.js')).chooseGuardrail(host, args)),
    command<CheckGuardrailArgs>('bedrock.checkGuardrail', async args => (await import('./guardrails/guardrailCommands.js')).checkGuardrail(deps, args)),
    command<ManageProfilesArgs>('bedrock.manageInferenceProfiles', async args => (await import('./profiles/manageInferenceProfiles.js')).manageInferenceProfiles(host, context.workspaceState, args)),
  ];
}
