/** The library's "Keyboard shortcuts" dialog (`?`): its keys, and the search language with an example of each. */
import type { RefObject } from 'preact';
import { message, t, type MessageKey } from '@/utils/i18n';

const KEYS: Array<[keys: string[], what: MessageKey]> = [
  [['/'], 'keys.search'],
  [['j', '↓'], 'keys.next'],
  [['k', '↑'], 'keys.previous'],
  [['Enter', 'o'], 'keys.open'],
  [['e'], 'keys.archive'],
  [['f'], 'keys.favourite'],
  [['x'], 'keys.select'],
  [['?'], 'keys.help'],
];

/** The query language's forms (written as typed, in every language) and what each finds. */
const QUERY: Array<[example: string, what: MessageKey]> = [
  ['cyber attacks', 'keys.qWords'],
  ['"health crisis"', 'keys.qPhrase'],
  ['-ransomware', 'keys.qExclude'],
  ['hospital OR clinic', 'keys.qOr'],
  ['tag:health  -tag:old', 'keys.qTag'],
  ['site:itij.com', 'keys.qSite'],
  ['color:green', 'keys.qColor'],
  ['has:highlights  has:note', 'keys.qHas'],
  ['is:archived  is:favourite  is:read  is:unread', 'keys.qIs'],
  ['after:2024-05  before:2024-12-31', 'keys.qDate'],
  ['sort:newest  sort:oldest  sort:title', 'keys.qSort'],
];

/** (A ref prop of its own, not forwardRef: preact/compat would rewrite every element of the page it is in.) */
export function KeyboardHelp({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement> }) {
  return (
    <dialog ref={dialogRef} class="keyboard-help" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <dl class="keys">
        {KEYS.map(([keys, what]) => (
          <div key={what}>
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{message(what)}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('keys.queryTitle')}</h3>
      <table class="query-help">
        <tbody>
          {QUERY.map(([example, what]) => (
            <tr key={what}>
              <td dir="ltr">
                <code>{example}</code>
              </td>
              <td>{message(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" class="row">
        <button type="submit" autofocus>
          {t('common.close')}
        </button>
      </form>
    </dialog>
  );
}
