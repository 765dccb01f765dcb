import { render } from 'preact';
import { Options } from './Options';
import { applyLanguage } from '@/utils/i18n';
import './style.css';

applyLanguage(document);

render(<Options />, document.getElementById('app')!);
