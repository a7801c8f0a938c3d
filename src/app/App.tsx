// The app: the graph editor is the whole page.

import { EditorLayout } from './editor/EditorLayout';

export function App() {
  return <EditorLayout />;
}
