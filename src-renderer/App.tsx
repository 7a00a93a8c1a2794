import { AboutLine } from './features/about/AboutLine';

export function App() {
  return (
    <main className="app">
      <h1>Dust MCP Tray</h1>
      <AboutLine />
    </main>
  );
}
