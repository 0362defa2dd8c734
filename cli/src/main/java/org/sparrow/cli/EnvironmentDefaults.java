package org.sparrow.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * SPARROW_ZK and SPARROW_CLUSTER as the defaults of --zk and --cluster on every command, so a
 * user sets them once per shell. An option given on the command line still wins; an unset or
 * empty variable leaves the option's own default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  static final Map<String, String> VARIABLES = Map.of("--zk", "SPARROW_ZK", "--cluster", "SPARROW_CLUSTER");

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String variable = VARIABLES.get(option.longestName());
    String value = variable == null ? null : environment.get(variable);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
