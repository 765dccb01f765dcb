import { render } from 'preact';
import { SearchPage } from './SearchPage';
import './style.css';

render(<SearchPage />, document.getElementById('app')!);
