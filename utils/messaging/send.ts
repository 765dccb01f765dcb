/** Sending side of both protocols. Light: imports no schema, only types. */
import { browser } from 'wxt/browser';
import type { PageMessageType, PageRequestOf, PageResponses } from './page-protocol';
import type { Envelope, MessageType, RequestOf, Responses, Result } from './protocol';

function unwrap<T>(result: Result<T> | undefined, who: string): T {
  if (!result) throw new Error(`${who} did not answer. Reload the page or the extension and try again.`);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Sends message `type` to the background and returns its answer; a refusal or failure throws its words. */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Responses[K]> {
  const envelope: Envelope<K, RequestOf<K>> = { type, data };
  return unwrap((await browser.runtime.sendMessage(envelope)) as Result<Responses[K]> | undefined, "Gleaner's background page");
}

/** Sends page message `type` to Gleaner's highlighter in tab `tabId` (background only). */
export async function sendToTab<K extends PageMessageType>(tabId: number, type: K, data: PageRequestOf<K>): Promise<PageResponses[K]> {
  const envelope: Envelope<K, PageRequestOf<K>> = { type, data };
  return unwrap((await browser.tabs.sendMessage(tabId, envelope)) as Result<PageResponses[K]> | undefined, 'The page');
}
