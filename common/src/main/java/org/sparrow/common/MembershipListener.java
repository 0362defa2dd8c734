package org.sparrow.common;

/** Told about membership changes as they are observed. Must not block. */
public interface MembershipListener<T> {

  void added(String id, T member);

  void removed(String id, T member);

  default void updated(String id, T member) {}
}
