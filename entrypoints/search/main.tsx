import { render } from 'preact';
import { SearchPage } from './SearchPage';
import { requestPersistentStorage } from '@/utils/db/persist';
import { applyLanguage } from '@/utils/i18n';
import './style.css';

requestPersistentStorage();
applyLanguage(document);

render(<SearchPage />, document.getElementById('app')!);
