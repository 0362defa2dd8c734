package org.sparrow.am;

import java.util.Comparator;

/**
 * Orders YARN container ids by age without YARN types: {@code container_[e<epoch>_]<cluster
 * timestamp>_<app>_<attempt>_<sequence>}. The sequence grows across attempts of one
 * application, so a later grant sorts after an earlier one even when the AM restarted between.
 */
public final class ContainerIds {

  public static final Comparator<String> ORDER = Comparator
      .comparingLong(ContainerIds::epoch)
      .thenComparingLong(ContainerIds::sequence)
      .thenComparing(Comparator.naturalOrder());

  private ContainerIds() {}

  static long epoch(String id) {
    String[] parts = id.split("_");
    return parts.length > 1 && parts[1].startsWith("e") ? parse(parts[1].substring(1)) : 0;
  }

  static long sequence(String id) {
    return parse(id.substring(id.lastIndexOf('_') + 1));
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
