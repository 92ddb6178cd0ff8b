import * as vscode from 'vscode';
import { OutputDocuments } from '../frontEndKit/panes/outputDocuments';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { whichApi, type WhichApiArgs } from './whichApiCommand';
import { checkGuardrail, chooseGuardrail, type CheckGuardrailArgs, type ChooseGuardrailArgs } from './guardrails/guardrailCommands';
import { manageInferenceProfiles, type ManageProfilesArgs } from './profiles/manageInferenceProfiles';
import type { CommandDeps } from './commandContext';
import { invokeModel, type InvokeModelArgs } from './invoke/invokeModel';
import { askAboutSelection, explainSelection, refactorSelection, type SelectionArgs } from './invoke/selectionCommands';
import { JobsTree } from './jobs/jobsTree';
import { startVideoJob, type VideoJobArgs } from './jobs/videoJobCommand';
import { RawPayloadCommand, type RawPayloadArgs } from './rawPayload/rawPayloadCommand';
import { generateEmbeddings, type EmbeddingsArgs } from './runtimeJobs/embeddingsCommand';
import { generateImageCommand, type ImageArgs } from './runtimeJobs/imageCommand';
import { rerankDocuments, type RerankArgs } from './runtimeJobs/rerankCommand';
import { speakWithNovaSonic, type SonicArgs } from './runtimeJobs/sonicCommand';

/** How often the Jobs view polls jobs in progress (`bedrock.jobs.pollIntervalSeconds`). */
function pollIntervalMs(): number {
  const s = vscode.workspace.getConfiguration('bedrock').get<number>('jobs.pollIntervalSeconds') ?? 15;
  return Math.max(0.2, s) * 1000;
}

/**
 * The command-palette commands that call Bedrock and show the result in editor panes, the Jobs view, and the
 * `bedrock-output:` documents they write into. Every command takes its inputs as an argument object too, so it runs
 * without UI (tests, keybindings with args); missing inputs are asked for.
 */
export function registerEditorCommands(host: ServiceHost, context: vscode.ExtensionContext): vscode.Disposable[] {
  const docs = new OutputDocuments();
  const deps: CommandDeps = { host, docs, workspaceState: context.workspaceState, storage: context.globalStorageUri };
  const jobs = new JobsTree(host, pollIntervalMs);
  const raw = new RawPayloadCommand(host, docs, context.globalStorageUri, context.workspaceState);
  // Arguments come from callers we do not control (keybindings, other extensions): each command treats them as optional.
  const command = <A>(id: string, run: (args?: A) => unknown) => vscode.commands.registerCommand(id, (args?: A) => run(args));
  return [
    docs,
    jobs,
    raw,
    command<InvokeModelArgs>('bedrock.invokeModel', args => invokeModel(deps, args)),
    command<SelectionArgs>('bedrock.askAboutSelection', args => askAboutSelection(deps, args)),
    command<SelectionArgs>('bedrock.explainSelection', args => explainSelection(deps, args)),
    command<SelectionArgs>('bedrock.refactorSelection', args => refactorSelection(deps, args)),
    command<RawPayloadArgs>('bedrock.invokeRawPayload', args => raw.run(args)),
    command<EmbeddingsArgs>('bedrock.generateEmbeddings', args => generateEmbeddings(deps, args)),
    command<RerankArgs>('bedrock.rerankDocuments', args => rerankDocuments(deps, args)),
    command<ImageArgs>('bedrock.generateImage', args => generateImageCommand(deps, args)),
    command<VideoJobArgs>('bedrock.startVideoJob', args => startVideoJob(deps, jobs, args)),
    command<{ fetch?: boolean }>('bedrock.refreshJobs', args => args?.fetch === false ? jobs.rows() : jobs.refresh()),
    command<SonicArgs>('bedrock.speakWithNovaSonic', args => speakWithNovaSonic(deps, args)),
    command<WhichApiArgs>('bedrock.whichApi', args => whichApi(args)),
    command<ChooseGuardrailArgs>('bedrock.chooseGuardrail', args => chooseGuardrail(host, args)),
    command<CheckGuardrailArgs>('bedrock.checkGuardrail', args => checkGuardrail(deps, args)),
    command<ManageProfilesArgs>('bedrock.manageInferenceProfiles', args => manageInferenceProfiles(host, context.workspaceState, args)),
  ];
}
