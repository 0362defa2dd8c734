package org.sparrow.common;

/**
 * Who a job, reservation or task runs for. Queue policies order by it: smaller priority = more
 * important; fair-share queues group by user.
 */
public record UserInfo(String user, String group, int priority) {

  public static final UserInfo ANONYMOUS = new UserInfo("", "", 0);

  public UserInfo {
    user = user == null ? "" : user;
    group = group == null ? "" : group;
  }
}
