package dev.touchpoints.app;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"touchpoints " + (version == null ? "dev" : version)};
  }
}
