import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstLanguage, switchLanguage } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// The first words on screen are already in the operator's language (a catalogue that fails to load leaves English).
switchLanguage(firstLanguage()).then(render, render);
