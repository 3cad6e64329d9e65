/**
 * Code fetched when first used: the dialogs and panels (and what only they need: the dataset formats,
 * the decoders, the review, the target table, Chart.js) are not part of the first load. Fetching can
 * fail (offline, a deployment replaced the chunks); the user is told, and the caller stays closed.
 */
import type { Workspace } from '../state/workspace.svelte.ts';

/** The modules `loading` fetches, or null (with the notice `failed: reason`) when they could not be fetched. */
export async function fetchOnDemand<T>(workspace: Pick<Workspace, 'notify'>, failed: string, loading: () => Promise<T>): Promise<T | null> {
  try {
    return await loading();
  } catch (e) {
    workspace.notify('error', `${failed}: ${(e as Error).message}`);
    return null;
  }
}
