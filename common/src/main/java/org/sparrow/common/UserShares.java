package org.sparrow.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who each job of a generated workload runs for: {@code --users NAME:SHARE[:pPRIORITY],...} of
 * both {@code bench} and {@code sim}, parsed in this one place so the two read a spec alike. A
 * user's share of the job arrivals is its SHARE over the sum of all shares; its jobs carry
 * priority PRIORITY (default 0; smaller is more important, as the node monitors' {@code priority}
 * queue orders them). Example: {@code web:1:p0,batch:12:p1}.
 *
 * <p>A job's user follows from its index alone through {@link ShareDraw}, so one seed gives the
 * same users in every run, in the bench and in the simulator.
 */
public final class UserShares {

  /** One user of the mix; {@code priority} is 0 unless the entry gave {@code :pN}. */
  public record User(String name, double share, int priority) {
    public UserInfo info() {
      return new UserInfo(name, "", priority);
    }
  }

  /** No users: every job anonymous (no user name, the client's default priority). */
  public static final UserShares NONE = new UserShares(List.of(), new double[0], false);

  private static final String SYNTAX = "NAME:SHARE[:pPRIORITY]";

  private final List<User> users;
  private final double[] cumulative;
  private final boolean givesPriorities;

  private UserShares(List<User> users, double[] cumulative, boolean givesPriorities) {
    this.users = List.copyOf(users);
    this.cumulative = cumulative;
    this.givesPriorities = givesPriorities;
  }

  /** Every job runs for {@code name} at priority 0 (bench {@code --user NAME}). */
  public static UserShares single(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a user name must not be empty");
    }
    return new UserShares(List.of(new User(name.trim(), 1, 0)), new double[] {1.0}, false);
  }

  /** Parses {@code NAME:SHARE[:pPRIORITY][,...]}; null or blank: {@link #NONE}. */
  public static UserShares parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<String, User> byName = new LinkedHashMap<>();
    boolean givesPriorities = false;
    for (String part : spec.split(",", -1)) {
      String entry = part.trim();
      User u = parseOne(entry);
      givesPriorities |= entry.split(":", -1).length == 3;
      if (byName.put(u.name(), u) != null) {
        throw new IllegalArgumentException("--users names '" + u.name() + "' twice");
      }
    }
    double total = byName.values().stream().mapToDouble(User::share).sum();
    double[] cumulative = new double[byName.size()];
    double acc = 0;
    int i = 0;
    for (User u : byName.values()) {
      acc += u.share() / total;
      cumulative[i++] = acc;
    }
    cumulative[cumulative.length - 1] = 1.0;  // no job falls past the last user to rounding
    return new UserShares(new ArrayList<>(byName.values()), cumulative, givesPriorities);
  }

  private static User parseOne(String part) {
    String[] f = part.split(":", -1);
    String usage = "--users takes " + SYNTAX + " entries, comma-separated, with a positive SHARE and a "
        + "whole PRIORITY (smaller runs first), e.g. web:1:p0,batch:12:p1; got '" + part + "'";
    if (f.length < 2 || f.length > 3 || f[0].isBlank()) {
      throw new IllegalArgumentException(usage);
    }
    double share;
    try {
      share = Double.parseDouble(f[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(usage);
    }
    if (!(share > 0) || Double.isInfinite(share)) {
      throw new IllegalArgumentException(usage);
    }
    int priority = 0;
    if (f.length == 3) {
      String p = f[2].trim();
      if (!p.startsWith("p")) {
        throw new IllegalArgumentException(usage);
      }
      try {
        priority = Integer.parseInt(p.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(usage);
      }
    }
    return new User(f[0].trim(), share, priority);
  }

  /** The users in the order given. */
  public List<User> users() {
    return users;
  }

  /** Running sum of the normalised shares, in {@link #users()} order; the last is exactly 1. */
  public double[] cumulative() {
    return cumulative.clone();
  }

  /** Whether some entry gave its priority ({@code :pN}); bench then refuses a global --priority. */
  public boolean givesPriorities() {
    return givesPriorities;
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  public List<String> names() {
    return users.stream().map(User::name).toList();
  }

  /** Index into {@link #users()} of job {@code index}'s user; -1 for {@link #NONE}. */
  public int userIndexOf(long index) {
    return users.isEmpty() ? -1 : ShareDraw.pick(index, cumulative);
  }

  /** Job {@code index}'s user; null (anonymous) for {@link #NONE}. */
  public User userOf(long index) {
    int i = userIndexOf(index);
    return i < 0 ? null : users.get(i);
  }

  /** The normalised spec, every priority spelled out: {@code web:1:p0,batch:12:p1}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (User u : users) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      String share = u.share() == Math.rint(u.share()) ? String.valueOf((long) u.share()) : String.valueOf(u.share());
      sb.append(u.name()).append(':').append(share).append(":p").append(u.priority());
    }
    return sb.toString();
  }
}
