package org.sparrow.scheduler;

/** Who a job runs as; smaller priority = more important (node monitors may order by it). */
public record UserInfo(String user, String group, int priority) {

  public static final UserInfo ANONYMOUS = new UserInfo("", "", 0);

  public UserInfo {
    user = user == null ? "" : user;
    group = group == null ? "" : group;
  }
}
