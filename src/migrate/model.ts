// The shapes shared by the finders, the rewriters, the CLI and the VS Code front end (migrate/vscode/).

export type OpenAISiteKind =
  | 'client-construct'
  | 'chat.completions.create'
  | 'chat.completions.stream'
  | 'responses.create'
  | 'embeddings.create'
  | 'images.generate'
  | 'beta.parse'
  | 'chat.completions.runTools'
  | 'legacy-v0'
  /** An OpenAI API with no Bedrock counterpart (audio, fine-tuning, assistants, files, batches, moderations…): reported, never rewritten. */
  | 'unsupported'
  /** A framework's OpenAI integration (LangChain, LlamaIndex, the AI SDK) that has a Bedrock one. */
  | FrameworkSiteKind;

export type FrameworkSiteKind =
  | 'langchain.chat'
  | 'langchain.embeddings'
  | 'llamaindex.llm'
  | 'llamaindex.embedding'
  | 'ai-sdk.provider'
  | 'ai-sdk.model';

export type AnthropicSiteKind = 'anthropic-construct' | 'messages.create' | 'messages.stream';

export type SiteKind = OpenAISiteKind | AnthropicSiteKind;

export type SourceSdk = 'openai' | 'anthropic';

/** Which SDK's code a run looks at; `openai` leaves Anthropic code untouched. */
export type SourceSelection = SourceSdk | 'all';

/** mantle keeps the vendor SDK; converse rewrites to the AWS runtime (for Anthropic code: the SDK's own Bedrock client). */
export type MigrationTarget = 'mantle' | 'converse';

export type Language = 'python' | 'js';

export interface Site {
  kind: SiteKind;
  source: SourceSdk;
  /** Offsets (UTF-16, like JS strings and VS Code documents) of the call or construction expression. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  streaming: boolean;
  async: boolean;
}

export type SiteStatus = 'migrated' | 'manual' | 'unchanged';

export interface SiteResult extends Site {
  status: SiteStatus;
  /** Why a site needs a hand, or what the rewrite assumed; one sentence each. */
  notes: string[];
}

/** A replacement of `[start, end)` of the input text; offsets refer to the original text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface MigrateOptions {
  target: MigrationTarget;
  from?: SourceSelection;
  /** Source model name → Bedrock model id; entries win over the built-in table for the chosen target. */
  modelMap?: Readonly<Record<string, string>>;
  /** The `openai` version the project pins (package.json / requirements), if known; older than the providers → base-URL fallback. */
  openaiVersion?: string;
  /** AWS region written into generated client constructions. */
  region?: string;
  /** Only migrate sites that start inside this range (offsets): a code lens passes its site's range, a selection command the selection. */
  range?: { start: number; end: number };
}

/** A package the rewritten code imports, for the front end to suggest installing. */
export interface Dependency {
  ecosystem: 'npm' | 'pip';
  /** What to install, as its installer takes it (`openai[bedrock]>=2.44.0`). */
  spec: string;
}

/** Where a file stops parsing: 1-based line and column (UTF-16 units), and what the parser expected or met. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export interface MigrationResult {
  text: string;
  sites: SiteResult[];
  edits: TextEdit[];
  /** Packages the new imports rely on (empty when nothing was rewritten). */
  dependencies: Dependency[];
  /** Set when the file does not parse: nothing in it is migrated (and `sites` is empty). */
  syntaxError?: SyntaxProblem;
}

export const MARKER = 'bedrock-migrate:';
