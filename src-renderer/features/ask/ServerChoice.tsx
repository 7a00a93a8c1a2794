import { useShallow } from 'zustand/react/shallow';

import { revealInvisible } from '../../components/reveal-invisible';
import { selectAttachable } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';

/**
 * Which connected local servers the message carries. Dust lets the agent call a local server only
 * from a message that names it, so this choice is per message; all of them unless unticked.
 */
export function ServerChoice() {
  const connected = useAppStore(useShallow(selectAttachable));
  const attached = useAppStore((state) => state.attached);
  const setAttached = useAppStore((state) => state.setAttached);
  if (connected.length === 0) {
    return (
      <p className="muted small">
        No local server is connected to Dust: the agent will not reach this computer.
      </p>
    );
  }
  const isOn = (name: string) => attached === null || attached.includes(name);
  const toggle = (name: string) => {
    const current = connected.filter(isOn);
    const next = isOn(name) ? current.filter((other) => other !== name) : [...current, name];
    setAttached(next.length === connected.length ? null : next);
  };
  return (
    <fieldset className="server-choice">
      <legend className="small muted">Local servers the agent may use</legend>
      {connected.map((name) => (
        <label key={name} className="switch small">
          <input type="checkbox" checked={isOn(name)} onChange={() => toggle(name)} />
          {revealInvisible(name)}
        </label>
      ))}
    </fieldset>
  );
}
