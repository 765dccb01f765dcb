import { render } from 'preact';
import { Reader } from './Reader';
import { requestPersistentStorage } from '@/utils/db/persist';
import './style.css';

requestPersistentStorage();

render(<Reader id={new URLSearchParams(location.search).get('id') ?? ''} />, document.getElementById('app')!);
