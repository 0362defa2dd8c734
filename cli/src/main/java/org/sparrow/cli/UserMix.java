package org.sparrow.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who each benchmark job runs for: one user, or a mix ({@code --users alice:3,bob:1}) where each
 * user's share of the arrivals is its number over the sum. A job's user follows from its index
 * alone (a fixed hash), so the same seed gives the same users in every run and in the simulator.
 */
record UserMix(List<String> users, double[] cumulative) {

  /** The bench's default: jobs carry no user name of the bench's choosing. */
  static final UserMix NONE = new UserMix(List.of(), new double[0]);

  static UserMix single(String user) {
    return new UserMix(List.of(user), new double[] {1.0});
  }

  /** Parses {@code NAME:SHARE[,NAME:SHARE...]}; shares are positive numbers. */
  static UserMix parse(String spec) {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split(":");
      double share;
      try {
        share = kv.length == 2 ? Double.parseDouble(kv[1].trim()) : Double.NaN;
      } catch (NumberFormatException e) {
        share = Double.NaN;
      }
      if (kv.length != 2 || kv[0].isBlank() || !(share > 0) || Double.isInfinite(share)) {
        throw new IllegalArgumentException("--users takes NAME:SHARE pairs with positive shares, "
            + "e.g. alice:3,bob:1; got '" + part.trim() + "'");
      }
      if (shares.put(kv[0].trim(), share) != null) {
        throw new IllegalArgumentException("--users names '" + kv[0].trim() + "' twice");
      }
    }
    double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
    double[] cumulative = new double[shares.size()];
    double acc = 0;
    int i = 0;
    for (double s : shares.values()) {
      acc += s / total;
      cumulative[i++] = acc;
    }
    cumulative[cumulative.length - 1] = 1.0;
    return new UserMix(new ArrayList<>(shares.keySet()), cumulative);
  }

  /** The user of job {@code index}; null for {@link #NONE}. */
  String userOf(long index) {
    if (users.isEmpty()) {
      return null;
    }
    return users.get(org.sparrow.common.ShareDraw.pick(index, cumulative));
  }
}
