import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from './Popup';
import { requestPersistentStorage } from '@/utils/db/persist';
import { applyLanguage } from '@/utils/i18n';
import './style.css';

requestPersistentStorage();
applyLanguage(document);

/** The tab the popup acts on: `?tab=<id>` when given (tests, or a popup opened as a tab), else the active tab. */
async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void targetTabId().then((tabId) => {
  render(<Popup tabId={tabId} />, document.getElementById('app')!);
});
