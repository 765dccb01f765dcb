/** Sending side of both protocols. Light: imports no schema, only types. */
import { browser } from 'wxt/browser';
import { gleanerError } from '../error-text';
import type { PageMessageType, PageRequestOf, PageResponses } from './page-protocol';
import type { Envelope, Result } from './envelope';
import type { MessageType, RequestOf, Responses } from './protocol';

function unwrap<T>(result: Result<T> | undefined, silence: 'error.noAnswerBackground' | 'error.noAnswerPage'): T {
  if (!result) throw gleanerError(silence);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Sends message `type` to the background and returns its answer; a refusal or failure throws its words. */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Responses[K]> {
  const envelope: Envelope<K, RequestOf<K>> = { type, data };
  return unwrap(
    await browser.runtime.sendMessage<typeof envelope, Result<Responses[K]> | undefined>(envelope),
    'error.noAnswerBackground',
  );
}

/** Sends page message `type` to Gleaner's highlighter in tab `tabId` (background only). */
export async function sendToTab<K extends PageMessageType>(
  tabId: number,
  type: K,
  data: PageRequestOf<K>,
): Promise<PageResponses[K]> {
  const envelope: Envelope<K, PageRequestOf<K>> = { type, data };
  // No script listening in the tab (it did not start there, or the page is gone): said in words, not as the
  // browser's "Could not establish connection. Receiving end does not exist."
  const answer = await browser.tabs
    .sendMessage<typeof envelope, Result<PageResponses[K]> | undefined>(tabId, envelope)
    .catch(() => {
      throw gleanerError('error.pageUnreachable');
    });
  return unwrap(answer, 'error.noAnswerPage');
}
