import type { ChatDriver } from './driver';
import { ChatCompletionsDriver } from './mantle/chatCompletionsDriver';
import { MessagesDriver } from './mantle/messagesDriver';
import { ResponsesDriver } from './mantle/responsesDriver';
import { ConverseDriver } from './runtime/converseDriver';
import { InvokeModelDriver, type FamilyResolver } from './runtime/invokeModelDriver';

/** Every chat driver the service offers; the router picks among them by API style and family. */
export function allDrivers(familyOf?: FamilyResolver): ChatDriver[] {
  return [
    new ConverseDriver('converse'),
    new ConverseDriver('converse-stream'),
    new InvokeModelDriver('invoke-model', familyOf),
    new InvokeModelDriver('invoke-model-stream', familyOf),
    new ChatCompletionsDriver(),
    new ResponsesDriver(),
    new MessagesDriver(),
  ];
}
