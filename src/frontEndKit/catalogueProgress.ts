import * as vscode from 'vscode';
import { readSettings } from '../common/settings';
import type { Catalogue } from '../service/catalogue/modelCatalogue';
import { toBedrockError } from '../service/errors';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { showBedrockError } from './errors/errorActions';

/** Loads the catalogue with a cancellable progress notification; undefined when cancelled or failed (error shown). */
export async function loadCatalogueWithProgress(host: ServiceHost, refresh: boolean): Promise<Catalogue | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Bedrock: loading models…', cancellable: true }, async (_p, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const cat = await host.service.catalogue({ refresh, signal: abort.signal });
      for (const p of cat.problems) host.log.warn(p);
      if (cat.problems.length && !cat.models.length) {
        void vscode.window.showWarningMessage(`Bedrock: no models could be listed in ${cat.region}. ${cat.problems[0]}`, 'Show Log').then(c => c && host.log.show(true));
      }
      return cat;
    } catch (e) {
      if (!abort.signal.aborted) await showBedrockError(toBedrockError(e, { region: readSettings().region }), host.log);
      return undefined;
    } finally {
      sub.dispose();
    }
  });
}
