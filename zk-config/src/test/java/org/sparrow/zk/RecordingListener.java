package org.sparrow.zk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sparrow.common.MembershipListener;

/** Records membership callbacks as "added:id", "updated:id", "removed:id", in order. */
final class RecordingListener<T> implements MembershipListener<T> {

  final List<String> events = new CopyOnWriteArrayList<>();
  volatile T last;

  @Override
  public void added(String id, T member) {
    last = member;
    events.add("added:" + id);
  }

  @Override
  public void removed(String id, T member) {
    last = member;
    events.add("removed:" + id);
  }

  @Override
  public void updated(String id, T member) {
    last = member;
    events.add("updated:" + id);
  }
}
