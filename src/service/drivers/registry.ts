import type { ChatDriver } from './driver';
import { ChatCompletionsDriver } from './mantle/chatCompletionsDriver';
import { MessagesDriver } from './mantle/messagesDriver';
import { ResponsesDriver } from './mantle/responsesDriver';
import { ConverseDriver } from './runtime/converseDriver';
import { InvokeModelDriver } from './runtime/invokeModelDriver';

/** Every chat driver the service offers; the router picks among them by API style and family. */
export function allDrivers(): ChatDriver[] {
  return [
    new ConverseDriver('converse'),
    new ConverseDriver('converse-stream'),
    new InvokeModelDriver('invoke-model'),
    new InvokeModelDriver('invoke-model-stream'),
    new ChatCompletionsDriver(),
    new ResponsesDriver(),
    new MessagesDriver(),
  ];
}
