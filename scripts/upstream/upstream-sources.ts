import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { listVendorDocs, readOverlaidSpec, readSpecFile } from '../../generator/load/read-inputs.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';

/** A vendor folder that names where the vendor publishes its spec. */
export type Tracked = { readonly vendor: string; readonly spec: string; readonly overlays: readonly string[]; readonly url: string };

export class UpstreamError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `x-mcp.upstream` of the overlaid document: the spec or any of its overlays may declare it. */
export function trackedVendors(root: string): Tracked[] {
  return listVendorDocs(path.join(root, 'vendor-docs')).flatMap((doc) => {
    const loaded = readOverlaidSpec({ spec: doc.file, overlays: doc.overlays });
    if ('diagnostics' in loaded) throw new UpstreamError(`vendor-docs/${doc.vendor} does not build as committed:\n${loaded.diagnostics.map(formatDiagnostic).join('\n')}`);
    const settings = isRecord(loaded.document.data) ? loaded.document.data['x-mcp'] : undefined;
    const url = isRecord(settings) ? settings['upstream'] : undefined;
    if (url === undefined) return [];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new UpstreamError(`vendor-docs/${doc.vendor}: x-mcp.upstream must be an http(s) URL (found ${JSON.stringify(url)})`);
    return [{ vendor: doc.vendor, spec: doc.file, overlays: doc.overlays, url }];
  });
}

/**
 * Downloads one upstream spec; when its content differs from the committed file, writes it
 * there byte for byte and re-applies the overlays, throwing with every diagnostic when an action
 * no longer matches. Returns whether the contract changed.
 */
export async function refreshSpec(tracked: Tracked): Promise<boolean> {
  const response = await fetch(tracked.url);
  if (!response.ok) throw new UpstreamError(`${tracked.vendor}: GET ${tracked.url} answered ${response.status}`);
  const text = await response.text();
  const fresh = parseDocumentText({ file: tracked.url, text });
  if ('diagnostics' in fresh) throw new UpstreamError(`${tracked.vendor}: ${tracked.url} does not parse:\n${fresh.diagnostics.map(formatDiagnostic).join('\n')}`);
  const committed = readSpecFile(tracked.spec);
  if (!('diagnostics' in committed) && committed.document.sha256 === fresh.document.sha256) return false;
  writeFileSync(tracked.spec, text);
  const overlaid = readOverlaidSpec({ spec: tracked.spec, overlays: tracked.overlays });
  if ('diagnostics' in overlaid) throw new UpstreamError(`${tracked.vendor}: the curation no longer applies to the new upstream spec:\n${overlaid.diagnostics.map(formatDiagnostic).join('\n')}`);
  return true;
}
