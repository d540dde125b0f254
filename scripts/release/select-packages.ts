/** A generated package as release sees it. */
export type PackageInfo = { readonly vendor: string; readonly name: string; readonly version: string };

/**
 * Pure: the packages to publish are those whose current version is not out yet. `released`
 * answers per package: the version at the base ref, or whether the registry has this version.
 */
export function packagesToPublish(input: { readonly packages: readonly PackageInfo[]; readonly isReleased: (pkg: PackageInfo) => boolean }): PackageInfo[] {
  return input.packages.filter((pkg) => !input.isReleased(pkg));
}
