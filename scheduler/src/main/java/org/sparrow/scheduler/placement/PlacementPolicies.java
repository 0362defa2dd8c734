package org.sparrow.scheduler.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The placement policies a scheduler knows, by name. An instance, not a static registry, so that
 * several schedulers (or a simulator) in one JVM can use different sets.
 */
public final class PlacementPolicies {

  private final Map<String, PlacementPolicy> byName;

  private PlacementPolicies(Map<String, PlacementPolicy> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * The built-in policies: {@value BatchLateBindingPolicy#NAME} (the default) and the baselines
   * it is measured against, {@value BatchPolicy#NAME}, {@value PerTaskPolicy#NAME} and
   * {@value RandomPolicy#NAME}.
   */
  public static PlacementPolicies defaults() {
    return builder()
        .add(new BatchLateBindingPolicy())
        .add(new BatchPolicy())
        .add(new PerTaskPolicy())
        .add(new RandomPolicy())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The policy called {@code name}; the error lists the valid names. */
  public PlacementPolicy get(String name) {
    PlacementPolicy p = name == null ? null : byName.get(name.trim());
    if (p == null) {
      throw new IllegalArgumentException("unknown placement policy '" + name + "'; valid policies: "
          + String.join(", ", byName.keySet()));
    }
    return p;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** A registry with these policies plus, or instead of same-named ones, {@code more}. */
  public static final class Builder {
    private final Map<String, PlacementPolicy> byName = new LinkedHashMap<>();

    private Builder() {}

    public Builder addAll(PlacementPolicies others) {
      byName.putAll(others.byName);
      return this;
    }

    public Builder add(PlacementPolicy policy) {
      String name = policy.name();
      if (name == null || name.isBlank() || !name.equals(name.trim())) {
        throw new IllegalArgumentException("policy name must be non-blank without spaces around: '" + name + "'");
      }
      byName.put(name, policy);
      return this;
    }

    public PlacementPolicies build() {
      if (byName.isEmpty()) {
        throw new IllegalArgumentException("a registry needs at least one policy");
      }
      return new PlacementPolicies(new LinkedHashMap<>(byName));
    }
  }
}
