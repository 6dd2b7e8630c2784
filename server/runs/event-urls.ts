import type { RunEvent } from '../../pipeline/events.ts';
import type { Preview } from '../../pipeline/values.ts';
import { extensionOf } from '../storage/artifacts.ts';
import { artifactUrl, outputArtifactName, runOutputArtifactName } from './stored.ts';

/**
 * Gives every image preview of an event the URL its artifact is served at. The engine fills it
 * through `RunOptions.imageUrl` where it can; this covers the rest with the name the run's
 * history writes the image under when it ends.
 */
export function withArtifactUrls(event: RunEvent, runId: string): RunEvent {
  if (event.type === 'node.finished') {
    const outputs = addUrls(event.outputs, (port, ext) =>
      artifactUrl(runId, outputArtifactName(event.nodeId, port, ext)),
    );
    return outputs === event.outputs ? event : { ...event, outputs };
  }
  if (event.type === 'run.finished') {
    const outputs = addUrls(event.outputs, (name, ext) =>
      artifactUrl(runId, runOutputArtifactName(name, ext)),
    );
    return outputs === event.outputs ? event : { ...event, outputs };
  }
  return event;
}

function addUrls(
  previews: Record<string, Preview>,
  url: (key: string, ext: string) => string,
): Record<string, Preview> {
  const missing = Object.entries(previews).filter(
    ([, preview]) => preview.kind === 'image' && preview.url === undefined,
  );
  if (missing.length === 0) return previews;
  const copy = { ...previews };
  for (const [key, preview] of missing) {
    if (preview.kind === 'image')
      copy[key] = { ...preview, url: url(key, extensionOf(preview.mediaType)) };
  }
  return copy;
}
