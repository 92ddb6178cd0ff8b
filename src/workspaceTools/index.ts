/**
 * The extension's workspace tools kit: tools a model may call on the open workspace. It imports no front end, so
 * the chat (and any other front end) offers the same tools with the same limits.
 */
import { diagnosticsTool, selectionTool } from './editorContext';
import { findFilesTool } from './findFiles';
import { proposeEditTool } from './proposeEdit';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import type { WorkspaceTool } from './types';

export type { ToolOutcome, WorkspaceTool } from './types';
export { disposeProposedEdits, PROPOSED_SCHEME } from './proposeEdit';

export const WORKSPACE_TOOLS: readonly WorkspaceTool[] = [readFileTool, findFilesTool, searchTextTool, selectionTool, diagnosticsTool, proposeEditTool];
