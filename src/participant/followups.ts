/** What `@bedrock` suggests after each command (VS Code's ChatFollowup shape, without the vscode import). Pure. */
import { NEEDS, type NeedId } from '../apiAdvisor/decisionTable';

export type ParticipantCommand = 'ask' | 'explain' | 'migrate' | 'api';

export interface ParticipantResultMetadata {
  command: ParticipantCommand;
  /** /migrate: the target used, so the follow-up can offer the other one. */
  target?: 'mantle' | 'converse';
  /** /api: the need answered. */
  need?: NeedId;
}

export interface Followup {
  prompt: string;
  label?: string;
  command?: ParticipantCommand;
}

export function followupsFor(meta: ParticipantResultMetadata | undefined): Followup[] {
  switch (meta?.command) {
    case 'explain':
      return [
        { prompt: 'How could this code be simpler or safer?', label: 'Suggest improvements', command: 'ask' },
        { prompt: 'Write unit tests for the selected code.', label: 'Write tests', command: 'ask' },
      ];
    case 'migrate':
      return [
        meta.target === 'converse'
          ? { prompt: 'mantle', label: 'Keep the SDK instead (bedrock-mantle)', command: 'migrate' }
          : { prompt: 'converse', label: 'Convert to Converse instead (bedrock-runtime)', command: 'migrate' },
        { prompt: 'an existing OpenAI app', label: 'Which Bedrock API fits this app?', command: 'api' },
      ];
    case 'api':
      return NEEDS.filter(n => n.id !== meta.need).slice(0, 3).map(n => ({ prompt: n.label, label: n.label, command: 'api' as const }));
    default:
      return [
        { prompt: '', label: 'Explain the selected code', command: 'explain' },
        { prompt: 'a chatbot in my AWS application', label: 'Which Bedrock API should I use?', command: 'api' },
      ];
  }
}
