package org.sparrow.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Renders a configuration record as daemon command-line arguments ({@code toArgs()} of
 * {@code SchedulerConfig} and {@code NodeMonitorConfig}): a setting equal to its default is left
 * out, so the daemon that parses the line computes machine-dependent defaults itself and the
 * line stays short. The CLI parses the same flags back into an equal record (a round-trip test
 * holds the two together).
 *
 * @param <C> the record
 */
public final class ArgsWriter<C> {

  private final C value;
  private final C defaults;
  private final List<String> args = new ArrayList<>();

  public ArgsWriter(C value, C defaults) {
    this.value = Objects.requireNonNull(value);
    this.defaults = Objects.requireNonNull(defaults);
  }

  /** {@code flag value} unless the value is null or the default. */
  public ArgsWriter<C> option(String flag, Function<C, ?> setting) {
    Object v = setting.apply(value);
    if (v != null && !v.equals(setting.apply(defaults))) {
      args.add(flag);
      args.add(v.toString());
    }
    return this;
  }

  /** {@code flag value} unless the value is null: for settings whose default the CLI derives otherwise. */
  public ArgsWriter<C> always(String flag, Function<C, ?> setting) {
    Object v = setting.apply(value);
    if (v != null) {
      args.add(flag);
      args.add(v.toString());
    }
    return this;
  }

  /** The bare {@code flag} when the setting differs from its default (a switch such as --no-jmx). */
  public ArgsWriter<C> toggle(String flag, Predicate<C> setting) {
    if (setting.test(value) != setting.test(defaults)) {
      args.add(flag);
    }
    return this;
  }

  /** {@code flag key=value} once per entry, in key order. */
  public ArgsWriter<C> entries(String flag, Function<C, Map<String, String>> setting) {
    new java.util.TreeMap<>(setting.apply(value)).forEach((k, v) -> {
      args.add(flag);
      args.add(k + "=" + v);
    });
    return this;
  }

  public List<String> args() {
    return List.copyOf(args);
  }
}
