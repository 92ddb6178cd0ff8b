/**
 * What a proposed edit would make of a file: the whole new content, or the current text with one exact, unique
 * occurrence of `oldString` replaced. Pure, so the rules are unit-tested.
 */
export function proposedContent(current: string | undefined, input: { content?: string; oldString?: string; newString?: string }): { content: string } | { error: string } {
  if (input.content !== undefined) return { content: input.content };
  if (input.oldString === undefined || input.newString === undefined) return { error: 'Give either "content" (the whole new file) or "oldString" and "newString".' };
  if (current === undefined) return { error: 'The file does not exist; give its whole "content" to create it.' };
  if (!input.oldString) return { error: '"oldString" is empty; give the exact text to replace.' };
  const at = current.indexOf(input.oldString);
  if (at < 0) return { error: '"oldString" was not found in the file; read it again and copy the text exactly.' };
  if (current.indexOf(input.oldString, at + 1) >= 0) return { error: '"oldString" occurs more than once; include more surrounding text so it is unique.' };
  return { content: current.slice(0, at) + input.newString + current.slice(at + input.oldString.length) };
}
