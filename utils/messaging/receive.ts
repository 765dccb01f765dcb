/** Receiving side of the protocol (background): validates every message and its sender, then dispatches. */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { allowedSenders, requestSchemas, type MessageType, type RequestOf, type Responses, type Result, type SenderKind } from './protocol';

/** One handler per message type: a map, never a chain of `if (type === …)`. */
export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, sender: Browser.runtime.MessageSender) => Promise<Responses[K]>;
};

/** Whether a message came from one of our extension pages or from our content script in a tab; null if neither. */
export function senderKind(sender: Browser.runtime.MessageSender, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}

function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(requestSchemas, type);
}

/**
 * Validates `message` from `sender` and runs its handler. Every failure, including a handler's, comes back as
 * `{ ok: false, error }` with a sentence a person can read.
 */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
  self: { id: string; origin: string },
): Promise<Result<unknown>> {
  const { type, data } = (message ?? {}) as { type?: unknown; data?: unknown };
  if (!isMessageType(type)) return { ok: false, error: `Unknown message ${JSON.stringify(type)}.` };
  const kind = senderKind(sender, self.id, self.origin);
  if (!kind || !allowedSenders[type].includes(kind)) {
    return { ok: false, error: `Message ${type} is not accepted from this sender.` };
  }
  const parsed = v.safeParse(requestSchemas[type], data);
  if (!parsed.success) {
    return { ok: false, error: `Message ${type} is malformed: ${v.summarize(parsed.issues)}` };
  }
  try {
    const handler = handlers[type] as (data: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.output, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Listens for protocol messages in this context (the background) and answers them through `handlers`. */
export function listen(handlers: Handlers): void {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void dispatch(handlers, message, sender, self).then(sendResponse);
    return true; // the answer is asynchronous: keep the channel open
  });
}
