/** Sending side of the protocol (popup and other extension pages). Light: imports no schema. */
import { browser } from 'wxt/browser';
import type { Envelope, MessageType, RequestOf, Responses, Result } from './protocol';

/** Sends message `type` to the background and returns its answer; a refusal or failure throws its words. */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Responses[K]> {
  const envelope: Envelope<K> = { type, data };
  const result = (await browser.runtime.sendMessage(envelope)) as Result<Responses[K]> | undefined;
  if (!result) throw new Error("Gleaner's background page did not answer. Reload the extension and try again.");
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
