import './styles/app.css';
import './styles/ask.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { createAppStore } from './state/store';
import { StoreProvider } from './state/store-context';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <StoreProvider store={createAppStore(window.api)}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
