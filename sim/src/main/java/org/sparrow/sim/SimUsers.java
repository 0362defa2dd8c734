package org.sparrow.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.UserInfo;

/**
 * Who each simulated job runs for: {@code --users NAME:SHARE[:pPRIORITY],...}. A user's share of
 * the job arrivals is its SHARE over the sum of all shares (as in {@code bench --users}); its
 * jobs carry priority PRIORITY (default 0; smaller is more important, as the node monitors'
 * {@code priority} queue orders them). Example: {@code web:1:p0,batch:12:p1}.
 *
 * <p>A job's user follows from its index alone through the same fixed hash (SplitMix64's
 * finaliser) {@code bench --users} uses, so a seed gives the same users in every run.
 *
 * @param users      the users in the order given
 * @param cumulative running sum of the normalised shares (last entry exactly 1)
 */
public record SimUsers(List<User> users, double[] cumulative) {

  /** One user of the mix. */
  public record User(String name, double share, int priority) {
    public UserInfo info() {
      return new UserInfo(name, "", priority);
    }
  }

  /** No users: every job anonymous (user "", priority 0). */
  public static final SimUsers NONE = new SimUsers(List.of(), new double[0]);

  public SimUsers {
    users = List.copyOf(users);
    cumulative = cumulative.clone();
  }

  /** Parses {@code NAME:SHARE[:pPRIORITY][,...]}; null or blank: {@link #NONE}. */
  public static SimUsers parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<String, User> byName = new LinkedHashMap<>();
    for (String part : spec.split(",", -1)) {
      User u = parseOne(part.trim());
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
    cumulative[cumulative.length - 1] = 1.0;
    return new SimUsers(new ArrayList<>(byName.values()), cumulative);
  }

  private static User parseOne(String part) {
    String[] f = part.split(":", -1);
    String usage = "--users takes NAME:SHARE[:pPRIORITY] entries, comma-separated, with a positive "
        + "SHARE and a whole PRIORITY (smaller runs first), e.g. web:1:p0,batch:12:p1; got '" + part + "'";
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

  public boolean isEmpty() {
    return users.isEmpty();
  }

  public List<String> names() {
    return users.stream().map(User::name).toList();
  }

  /** Index into {@link #users()} of job {@code index}'s user; -1 for {@link #NONE}. */
  public int userIndexOf(long index) {
    if (users.isEmpty()) {
      return -1;
    }
    return org.sparrow.common.ShareDraw.pick(index, cumulative);
  }

  /** Who job {@code index} runs for; null (anonymous) for {@link #NONE}. */
  public UserInfo userOf(long index) {
    int i = userIndexOf(index);
    return i < 0 ? null : users.get(i).info();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (User u : users) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(u.name()).append(':').append(u.share() == Math.rint(u.share()) ? String.valueOf((long) u.share())
          : String.valueOf(u.share())).append(":p").append(u.priority());
    }
    return sb.toString();
  }
}
