import type * as vscode from 'vscode';

/** Base for anything that owns listeners, emitters or processes: each is registered once and disposed with its owner. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.owned.push(d);
    }
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Dispose in reverse order so later registrations (which may depend on earlier ones) go first.
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}
