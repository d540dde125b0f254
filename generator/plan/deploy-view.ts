import { BIN_FILE, binNameFor, imageNameFor } from '../ir/naming.ts';
import type { ApiIR } from '../ir/types.ts';
import { packageEnv } from './package-view.ts';

/**
 * Values for the Dockerfile, its entrypoint and the Kubernetes manifest. The Kubernetes objects and
 * the Secret take the bin's name, which is already a DNS label (lower-case letters, digits, dashes).
 */
export function deployView(input: { readonly api: ApiIR; readonly header: readonly [string, string] }) {
  const { vendor } = input.api;
  const name = binNameFor(vendor.slug);
  return {
    headerLines: input.header,
    packageName: vendor.packageName,
    binFile: BIN_FILE,
    name,
    secretName: name,
    imageName: imageNameFor(vendor.slug),
    // No version here: a release would rewrite the deploy files on every description edit (README tags it).
    image: imageNameFor(vendor.slug),
    // Every credential comes from the Secret; one the server can do without (a grant's alternative) is optional there too.
    credentials: packageEnv(input.api)
      .filter((env) => env.credential)
      .map((env) => ({ name: env.name, optional: !env.required })),
  };
}
