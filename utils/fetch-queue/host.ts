/**
 * Where the fetch queue's runner lives, kept alive by the background: Chrome's service worker has no DOM to
 * parse pages in, so the runner runs in an offscreen document (entrypoints/offscreen), opened while the queue
 * has work and closed when it is done; Firefox's background page has a DOM, and runs it itself. An alarm looks
 * at the queue every minute while it has work, so that it carries on after the service worker is stopped, the
 * offscreen document is closed or the browser restarts (the background also looks when it starts).
 */
import { browser } from 'wxt/browser';
import { nextDue, readQueueMeta } from '../db/fetch-jobs';
import type { Envelope } from '../messaging/envelope';
import { extractFetched } from './extract-fetched';
import { WAKE_RUNNER } from './host-messages';
import { startRunner, type Runner } from './runner';

const ALARM = 'gleaner-fetch-queue';
const OFFSCREEN_PATH = 'offscreen.html';

/** Whether the queue has work the runner can do (something queued, not paused). */
async function hasWork(): Promise<boolean> {
  return !(await readQueueMeta()).paused && (await nextDue()) !== null;
}

let firefoxRunner: Runner | null = null;
let opening: Promise<void> | null = null;

/** Chrome: opens the offscreen document (which starts the runner) unless it is open; wakes it if it is. */
async function ensureOffscreen(): Promise<void> {
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (contexts.length) {
    const wake: Envelope = { type: WAKE_RUNNER, data: {} };
    await browser.runtime.sendMessage(wake).catch(() => null);
    return;
  }
  opening ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['DOM_PARSER'],
      justification: 'Reads the article out of pages fetched for the library, without running their scripts.',
    })
    .catch((error: unknown) => {
      // Opened meanwhile by another call: that one runs.
      if (!/single offscreen|already/i.test(String(error))) throw error;
    })
    .finally(() => {
      opening = null;
    });
  await opening;
}

/** Makes sure the runner is at work if the queue has work, and the alarm set while it has. */
export async function ensureRunner(): Promise<void> {
  if (!(await hasWork())) {
    await browser.alarms.clear(ALARM);
    return;
  }
  await browser.alarms.create(ALARM, { periodInMinutes: 1 });
  if (import.meta.env.FIREFOX) {
    firefoxRunner ??= startRunner({ extract: (html, url, type) => extractFetched(html, url, type) });
    firefoxRunner.wake();
  } else {
    await ensureOffscreen();
  }
}

/** Chrome: the runner says it has nothing to do; its document is closed unless work came meanwhile. */
export async function runnerIdle(): Promise<void> {
  if (await hasWork()) return ensureRunner();
  await browser.alarms.clear(ALARM);
  if (!import.meta.env.FIREFOX) await browser.offscreen.closeDocument().catch(() => null);
}

/** Wires the queue into the background: a look at start, and at every alarm. */
export function hostFetchQueue(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void ensureRunner().catch((error: unknown) => console.error(error));
  });
  void ensureRunner().catch((error: unknown) => console.error(error));
}
