package org.sparrow.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A job: tasks plus how to place them. Build with {@link #builder()}. */
public final class Job {

  private final List<Task> tasks;
  private final String user;
  private final int priority;
  private final Double probeRatio;
  private final String policy;
  private final Map<String, String> constraints;
  private final Duration timeout;
  private final String description;
  private final Integer maxAttempts;
  private final Boolean idempotent;

  private Job(Builder b) {
    this.tasks = List.copyOf(b.tasks);
    this.user = b.user;
    this.priority = b.priority;
    this.probeRatio = b.probeRatio;
    this.policy = b.policy;
    this.constraints = Map.copyOf(b.constraints);
    this.timeout = b.timeout;
    this.description = b.description;
    this.maxAttempts = b.maxAttempts;
    this.idempotent = b.idempotent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** m identical tasks "t0".."t(m-1)" of a built-in kind. */
  public static Job of(int taskCount, String kind, String argument) {
    Builder b = builder();
    for (int i = 0; i < taskCount; i++) {
      b.task(new Task("t" + i, kind, argument == null ? null
          : argument.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null));
    }
    return b.build();
  }

  public List<Task> tasks() {
    return tasks;
  }

  public String user() {
    return user;
  }

  public int priority() {
    return priority;
  }

  /** Null: the cluster's probe ratio. */
  public Double probeRatio() {
    return probeRatio;
  }

  /** Null: the cluster's policy. */
  public String policy() {
    return policy;
  }

  public Map<String, String> constraints() {
    return constraints;
  }

  /** Null: the client's default timeout. */
  public Duration timeout() {
    return timeout;
  }

  public String description() {
    return description;
  }

  /** Null: the scheduler's default (3). */
  public Integer maxAttempts() {
    return maxAttempts;
  }

  /** Null: the scheduler's default (true). */
  public Boolean idempotent() {
    return idempotent;
  }

  /** Configuration of a {@link Job}. */
  public static final class Builder {
    private final List<Task> tasks = new ArrayList<>();
    private String user = System.getProperty("user.name", "sparrow");
    private int priority;
    private Double probeRatio;
    private String policy;
    private final Map<String, String> constraints = new LinkedHashMap<>();
    private Duration timeout;
    private String description;
    private Integer maxAttempts;
    private Boolean idempotent;

    public Builder task(Task task) {
      tasks.add(Objects.requireNonNull(task, "task"));
      return this;
    }

    public Builder tasks(List<Task> more) {
      more.forEach(this::task);
      return this;
    }

    /**
     * Who the job runs for (default: the OS user). Node monitors whose queue policy is
     * {@code weighted-fair} or {@code priority-weighted-fair} share their slots across users by
     * this name, with the weights set by {@code sparrow settings --weight NAME=W}; other queue
     * policies ignore it. Sent as the request's {@code TUserGroupInfo.user}.
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * Smaller is more urgent (default 0; negative numbers are allowed). Node monitors whose queue
     * policy is {@code priority} or {@code priority-weighted-fair} serve a queued reservation of
     * a smaller number first (strict, without preempting running tasks); under the default
     * {@code fifo} policy it has no effect. Earliest-deadline-first is this with the deadline
     * (e.g. seconds since some epoch) as the priority; shortest-job-first with the expected
     * duration. Sent as the request's {@code TUserGroupInfo.priority}.
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder probeRatio(double d) {
      this.probeRatio = d;
      return this;
    }

    public Builder policy(String policy) {
      this.policy = policy;
      return this;
    }

    public Builder constraint(String attribute, String value) {
      constraints.put(attribute, value);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * How many times a task lost with its node monitor or backend runs at most, the first run
     * included (default 3; 1 = never re-run; at most 10). Tasks that ran and failed are not re-run.
     */
    public Builder maxAttempts(int n) {
      if (n < 1 || n > 10) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 10, not " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /**
     * False: tasks for the application backend run at most once, since the backend may have
     * acted before its node monitor was lost (built-in kinds are still re-run). Default true.
     */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    public Job build() {
      return new Job(this);
    }
  }
}
