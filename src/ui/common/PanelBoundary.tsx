import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Keeps the rest of the page alive whatever one panel throws: the panel is replaced by a one-line
 * notice naming it and the error, with a button to draw it again (e.g. after Reset or another run).
 * `name` is the panel's key (as in `hide=`), `title` what its heading says.
 */
export class PanelBoundary extends Component<{ name: string; title: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`panel '${this.props.name}' failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="banner error inline" role="alert" data-testid={`panel-failed-${this.props.name}`}>
        <span>
          The ‘{this.props.title}’ panel could not be drawn ({this.state.error.message}); the rest of the page works.
        </span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
