/**
 * undici's Agent on its own (node-http.ts, eventsource-streams.ts): the package's index loads fetch, WebSocket, caches and
 * mocks too, which would double the bridge's bundle. The module exports the class itself.
 */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';

  export = Agent;
}
