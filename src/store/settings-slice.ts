// The UI settings slice: theme and which network frames are drawn collapsed.

import type { StateCreator } from 'zustand/vanilla';
import type { EditorState, SettingsSlice, Theme } from './types';

export const createSettingsSlice =
  (theme: Theme = 'system'): StateCreator<EditorState, [], [], SettingsSlice> =>
  (set, get) => ({
    theme,
    setTheme: (next) => set({ theme: next }),
    collapsedNetworks: [],
    toggleNetworkCollapsed: (networkId) => {
      const current = get().collapsedNetworks;
      set({
        collapsedNetworks: current.includes(networkId)
          ? current.filter((id) => id !== networkId)
          : [...current, networkId],
      });
    },
  });
