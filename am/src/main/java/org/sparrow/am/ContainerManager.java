package org.sparrow.am;

import java.util.Collection;
import java.util.List;

/**
 * Serializes the events that reach the AM from several threads (ResourceManager callbacks,
 * NodeManager callbacks, resize and stop requests) through the {@link Provisioner}, and executes
 * each resulting plan before the next event is considered.
 */
public final class ContainerManager {

  private final Provisioner provisioner;
  private final PlanExecutor executor;

  public ContainerManager(Provisioner provisioner, PlanExecutor executor) {
    this.provisioner = provisioner;
    this.executor = executor;
  }

  public synchronized void registered(ContainerShape maximum, List<ContainerRef> previousAttempt) {
    execute(provisioner.registered(maximum, previousAttempt));
  }

  public synchronized void allocated(Collection<ContainerRef> granted) {
    execute(provisioner.allocated(granted));
  }

  public synchronized void started(String containerId) {
    execute(provisioner.started(containerId));
  }

  public synchronized void launchFailed(String containerId, String error) {
    execute(provisioner.launchFailed(containerId, error));
  }

  public synchronized void completed(Collection<Completion> completions) {
    execute(provisioner.completed(completions));
  }

  public synchronized void drained(String containerId, String how) {
    execute(provisioner.drained(containerId, how));
  }

  public synchronized void preempting(Collection<String> containerIds) {
    execute(provisioner.preempting(containerIds));
  }

  public synchronized void liveContainers(Collection<String> live) {
    execute(provisioner.liveContainers(live));
  }

  public synchronized boolean isStopping() {
    return provisioner.isStopping();
  }

  public synchronized void resize(Role role, int count) {
    execute(provisioner.resize(role, count));
  }

  public synchronized void stop(String reason) {
    execute(provisioner.stop(reason));
  }

  public synchronized void fail(String diagnostics) {
    execute(provisioner.fail(diagnostics));
  }

  public synchronized ProvisionerSnapshot snapshot() {
    return provisioner.snapshot();
  }

  private void execute(List<Action> plan) {
    for (Action action : plan) {
      if (action instanceof Action.Ask a) {
        executor.ask(a.role(), a.shape());
      } else if (action instanceof Action.WithdrawAsk w) {
        executor.withdrawAsk(w.role(), w.grantedContainerId());
      } else if (action instanceof Action.Launch l) {
        executor.launch(l.container());
      } else if (action instanceof Action.Drain d) {
        executor.drain(d.container(), d.timeoutMs());
      } else if (action instanceof Action.EndDrain e) {
        executor.endDrain(e.container());
      } else if (action instanceof Action.Release r) {
        executor.release(r.container());
      } else if (action instanceof Action.RecordFailures rf) {
        executor.recordFailures(rf.failures(), rf.recent());
      } else if (action instanceof Action.Finish f) {
        executor.finish(f.succeeded(), f.diagnostics());
      }
    }
  }
}
