// Puts the resolved theme on the root element: the store's choice, or the system's while it says
// 'system' (following the system when it changes). React Flow gets the same answer.

import { useEffect, useState } from 'react';
import { useEditor } from '../../store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export type ResolvedTheme = 'light' | 'dark';

function systemTheme(): ResolvedTheme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

export function useResolvedTheme(): ResolvedTheme {
  const theme = useEditor((s) => s.theme);
  const [system, setSystem] = useState<ResolvedTheme>(systemTheme);

  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const changed = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);

  const resolved = theme === 'system' ? system : theme;
  useEffect(() => {
    const root = document.documentElement;
    // 'system' leaves the attribute off so the CSS media query answers, even before React runs.
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  return resolved;
}
