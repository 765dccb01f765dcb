import { render } from 'preact';
import { SearchPage } from './SearchPage';
import { requestPersistentStorage } from '@/utils/db/persist';
import './style.css';

requestPersistentStorage();

render(<SearchPage />, document.getElementById('app')!);
