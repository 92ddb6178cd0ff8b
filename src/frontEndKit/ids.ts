// Ids that one front end needs of another (to focus a view, to recognise our language models), kept here so that
// neither imports the other. They match package.json's contributes.
export const CHAT_VIEW_ID = 'bedrock.chatView';
/** The vendor under which the Bedrock language models are registered with vscode.lm. */
export const BEDROCK_VENDOR = 'bedrock';
