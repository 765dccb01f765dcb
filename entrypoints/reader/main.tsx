import { render } from 'preact';
import { Reader } from './Reader';
import './style.css';

render(<Reader id={new URLSearchParams(location.search).get('id') ?? ''} />, document.getElementById('app')!);
