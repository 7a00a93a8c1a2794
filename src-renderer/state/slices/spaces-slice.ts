import type { ServerViewDto, SpaceDto } from '../../../src-main/shared/contract/approvals';
import { errorWords, type Loadable } from '../errors';
import type { SliceContext } from './types';

export interface SpacesSlice {
  /** `null` until the Spaces view first asks: listing spaces costs a Dust call. */
  spaces: Loadable<SpaceDto[]> | null;
  selectedSpaceId: string | null;
  serverViews: Loadable<ServerViewDto[]> | null;
  loadSpaces: () => Promise<void>;
  selectSpace: (spaceId: string) => Promise<void>;
}

export function createSpacesSlice({ set, get, bridge }: SliceContext): SpacesSlice {
  return {
    spaces: null,
    selectedSpaceId: null,
    serverViews: null,
    async loadSpaces() {
      set({ spaces: { status: 'loading' } });
      try {
        const spaces = await bridge.spaces.list();
        set({ spaces: { status: 'ready', value: spaces } });
        const selected = get().selectedSpaceId;
        // The company-wide space is where most tools live; the system space rarely has any.
        const next =
          spaces.find((space) => space.sId === selected) ??
          spaces.find((space) => space.kind === 'global') ??
          spaces[0];
        if (next) await get().selectSpace(next.sId);
        else set({ selectedSpaceId: null, serverViews: null });
      } catch (error) {
        set({ spaces: { status: 'error', message: errorWords(error).message } });
      }
    },
    async selectSpace(spaceId) {
      set({ selectedSpaceId: spaceId, serverViews: { status: 'loading' } });
      try {
        const views = await bridge.spaces.serverViews(spaceId);
        // The person may have picked another space while this one loaded.
        if (get().selectedSpaceId === spaceId)
          set({ serverViews: { status: 'ready', value: views } });
      } catch (error) {
        if (get().selectedSpaceId === spaceId)
          set({ serverViews: { status: 'error', message: errorWords(error).message } });
      }
    },
  };
}
