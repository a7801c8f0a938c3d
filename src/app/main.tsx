// Entry point of the page: mounts the app into index.html's root element.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { editorStore } from '../store';
import { App } from './App';
import './theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The browser tests read the document and drive edits through the store in development builds.
if (import.meta.env.DEV)
  (globalThis as { __latentLabStore?: typeof editorStore }).__latentLabStore = editorStore;

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
