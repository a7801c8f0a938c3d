// Catches a failure while drawing a graph and says what went wrong, so the page is never left blank.

import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ShowErrorsState {
  readonly error: Error | null;
}

export class ShowErrors extends Component<{ readonly children: ReactNode }, ShowErrorsState> {
  override state: ShowErrorsState = { error: null };

  static getDerivedStateFromError(error: unknown): ShowErrorsState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.warn('Latent Lab could not show this graph', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>This graph could not be shown</h2>
        <p>{this.state.error.message}</p>
        <p>Pick a preset or open another file. If the file came from Latent Lab, please report this.</p>
      </div>
    );
  }
}
