/**
 * Receiving side of a protocol: validates every message and its sender, then dispatches to one handler per
 * message type. Used by the background (utils/messaging/protocol.ts) and by the in-page highlighter
 * (utils/messaging/page-protocol.ts).
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { HandlersFor, ProtocolDefinition, Result, SenderKind } from './envelope';
import { errorText } from '../error-text';

/** Whether a message came from one of our extension contexts or from our script in a tab; null if neither. */
export function senderKind(
  sender: Browser.runtime.MessageSender,
  extensionId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  // The background's own messages to a tab carry neither a tab nor, in some browsers, a URL.
  return sender.url === undefined ? 'extension' : null;
}

/** Whether a sender is one of this extension's own contexts, by the same rule the receiver checks with. */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return senderKind(sender, browser.runtime.id, browser.runtime.getURL('/')) === 'extension';
}

/**
 * Validates `message` from `sender` and runs its handler. Every failure, a handler's included, comes back as
 * `{ ok: false, error }` with a sentence a person can read.
 */
export async function dispatch<S extends Record<string, v.GenericSchema>, R extends { [K in keyof S]: unknown }>(
  protocol: ProtocolDefinition<S, R>,
  handlers: HandlersFor<S, R>,
  message: unknown,
  sender: Browser.runtime.MessageSender,
  self: { id: string; origin: string },
): Promise<Result<unknown>> {
  const { type, data } = (message ?? {}) as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(protocol.schemas, type)) {
    return { ok: false, error: `Unknown message ${JSON.stringify(type)}.` };
  }
  const kind = senderKind(sender, self.id, self.origin);
  if (!kind || !protocol.senders[type]!.includes(kind)) {
    return { ok: false, error: `Message ${type} is not accepted from this sender.` };
  }
  const parsed = v.safeParse(protocol.schemas[type]!, data);
  if (!parsed.success) return { ok: false, error: `Message ${type} is malformed: ${v.summarize(parsed.issues)}` };
  try {
    const handler = handlers[type] as (data: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.output, sender) };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/** Answers `protocol` messages in this context through `handlers`. Returns a function that stops listening. */
export function listen<S extends Record<string, v.GenericSchema>, R extends { [K in keyof S]: unknown }>(
  protocol: ProtocolDefinition<S, R>,
  handlers: HandlersFor<S, R>,
): () => void {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: unknown) => void,
  ) => {
    // Messages of other protocols (the other direction) are not ours to answer.
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(protocol.schemas, type)) return false;
    void dispatch(protocol, handlers, message, sender, self).then(sendResponse);
    return true; // the answer is asynchronous: keep the channel open
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
