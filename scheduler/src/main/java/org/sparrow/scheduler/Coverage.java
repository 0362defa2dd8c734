package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-placement arithmetic: which unlaunched tasks the outstanding reservations of a job can no
 * longer serve. Pure over the job's parts; the caller holds the job's lock.
 */
final class Coverage {

  private Coverage() {}

  /**
   * Unlaunched tasks that the outstanding reservations cannot serve, matched greedily (tightest
   * first). Greedy may report a shortage a perfect matching would not have: that only costs a
   * spare reservation, which its node monitor later drops as exhausted.
   */
  static List<Integer> shortfall(TaskTable table, LateBinding binding, ReservationLedger ledger) {
    Map<String, Integer> capacity = ledger.capacity();
    List<Integer> shortOf = new ArrayList<>();
    for (int idx : binding.perTaskTasks()) {
      if (!table.isUnlaunched(idx)) {
        continue;
      }
      boolean covered = false;
      for (String nodeId : binding.sampledOn(idx)) {
        Integer c = capacity.get(nodeId);
        // Only a node that would hand the task out covers it (its hint was not used up or cleared).
        if (c != null && c > 0 && binding.hinted(nodeId, idx)) {
          capacity.put(nodeId, c - 1);
          covered = true;
          break;
        }
      }
      if (!covered) {
        shortOf.add(idx);
      }
    }
    for (TaskQueue q : binding.queues()) {
      int need = q.remaining;
      for (Iterator<Map.Entry<String, Integer>> it = capacity.entrySet().iterator(); it.hasNext() && need > 0; ) {
        Map.Entry<String, Integer> e = it.next();
        if (e.getValue() > 0 && q.requirement.admits(ledger.info(e.getKey()))) {
          int take = Math.min(need, e.getValue());
          need -= take;
          e.setValue(e.getValue() - take);
        }
      }
      for (Iterator<Integer> it = q.tasks.iterator(); it.hasNext() && need > 0; ) {
        int idx = it.next();
        if (table.isUnlaunched(idx)) {
          shortOf.add(idx);
          need--;
        }
      }
    }
    return shortOf;
  }

  /**
   * Tasks to re-place after {@code lostSlots} reservations on {@code node} were lost besides the
   * bound tasks {@code taken} back from it: those, plus as many tasks as the lost slots could have
   * served there.
   */
  static Set<Integer> lostOn(LateBinding binding, JobNode node, int lostSlots, Set<Integer> taken) {
    binding.servableBy(node.info, taken.size() + lostSlots, taken);
    return taken;
  }
}
