package org.sparrow.am.yarn;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.sparrow.am.Action;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.PlanExecutor;
import org.sparrow.am.Role;

/** Records what the AM would tell YARN, in order. */
final class RecordingExecutor implements PlanExecutor, GrantedContainers {

  final List<Action> actions = new ArrayList<>();
  final List<Container> remembered = new ArrayList<>();
  final List<ContainerId> releasedUnknown = new ArrayList<>();

  @Override
  public synchronized void ask(Role role, ContainerShape shape) {
    actions.add(new Action.Ask(role, shape));
  }

  @Override
  public synchronized void withdrawAsk(Role role, String grantedContainerId) {
    actions.add(new Action.WithdrawAsk(role, grantedContainerId));
  }

  @Override
  public synchronized void drain(ContainerRef container, long timeoutMs) {
    actions.add(new Action.Drain(container, timeoutMs));
  }

  @Override
  public synchronized void endDrain(ContainerRef container) {
    actions.add(new Action.EndDrain(container));
  }

  @Override
  public synchronized void recordFailures(int failures, List<String> recent) {
    actions.add(new Action.RecordFailures(failures, recent));
  }

  @Override
  public synchronized void launch(ContainerRef container) {
    actions.add(new Action.Launch(container));
  }

  @Override
  public synchronized void release(ContainerRef container) {
    actions.add(new Action.Release(container));
  }

  @Override
  public synchronized void finish(boolean succeeded, String diagnostics) {
    actions.add(new Action.Finish(succeeded, diagnostics));
  }

  @Override
  public synchronized void remember(Container c) {
    remembered.add(c);
  }

  @Override
  public synchronized void forget(ContainerId id) {
    remembered.removeIf(c -> c.getId().equals(id));
  }

  @Override
  public synchronized void releaseUnknown(ContainerId id) {
    releasedUnknown.add(id);
  }

  synchronized List<Action> drain() {
    List<Action> copy = List.copyOf(actions);
    actions.clear();
    return copy;
  }
}
