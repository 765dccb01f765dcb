/**
 * Chrome's offscreen document for the fetch queue (utils/fetch-queue/host.ts opens it): runs the runner, which
 * fetches pages and parses them inert here, where there is a DOM. Answers only the background's wake message,
 * and tells the background when it has nothing left to do (then it is closed).
 */
import { browser, type Browser } from 'wxt/browser';
import { extractFetched } from '@/utils/fetch-queue/extract-fetched';
import { WAKE_RUNNER } from '@/utils/fetch-queue/host-messages';
import { startRunner } from '@/utils/fetch-queue/runner';
import { isExtensionPage } from '@/utils/messaging/receive';
import { sendMessage } from '@/utils/messaging/send';

const runner = startRunner({
  extract: (html, url, type) => extractFetched(html, url, type),
  onIdle: () => void sendMessage('fetchIdle', {}).catch(() => null),
});

browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
  if ((message as { type?: unknown } | null)?.type !== WAKE_RUNNER || !isExtensionPage(sender)) return false;
  runner.wake();
  return false;
});
