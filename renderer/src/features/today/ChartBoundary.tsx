import { Component, type ReactNode } from 'react';

/** A chart that cannot load or draw shows `fallback` (its numbers stay in the table beside it). */
export class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
