package org.sparrow.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserLoad;
import org.sparrow.status.ClusterSnapshot.UserShare;

/** Adds up the per-user figures of one sample's node monitors into the cluster's user shares. */
final class UserShares {

  private final Map<String, UserLoad> byUser = new TreeMap<>();

  void add(NodeLoad load) {
    load.users().forEach((user, l) -> byUser.merge(user, l, UserLoad::plus));
  }

  /**
   * By user name. A user's share is its part of the tasks running on the node monitors that
   * report users, so shares add up to 1 whenever anything runs.
   */
  List<UserShare> shares() {
    int running = byUser.values().stream().mapToInt(UserLoad::running).sum();
    List<UserShare> out = new ArrayList<>(byUser.size());
    byUser.forEach((user, l) -> {
      if (l.running() > 0 || l.queued() > 0) {
        out.add(new UserShare(user, l.running(), l.queued(), running == 0 ? 0 : l.running() / (double) running));
      }
    });
    return List.copyOf(out);
  }
}
