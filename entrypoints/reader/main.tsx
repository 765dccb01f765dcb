import { render } from 'preact';
import { Reader } from './Reader';
import { requestPersistentStorage } from '@/utils/db/persist';
import { applyLanguage } from '@/utils/i18n';
import './style.css';

requestPersistentStorage();
applyLanguage(document);

render(<Reader id={new URLSearchParams(location.search).get('id') ?? ''} />, document.getElementById('app')!);
