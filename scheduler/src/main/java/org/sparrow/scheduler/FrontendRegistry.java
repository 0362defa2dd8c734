package org.sparrow.scheduler;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.HostPort;

/** Where each app's frontend listens (registerFrontend); a later registration replaces it. Thread-safe. */
final class FrontendRegistry {

  private final Map<String, HostPort> byApp = new ConcurrentHashMap<>();

  void register(String app, HostPort frontend) {
    if (app == null || app.isBlank()) {
      throw new IllegalArgumentException("app is missing");
    }
    byApp.put(app, Objects.requireNonNull(frontend, "frontend"));
  }

  /** The app's frontend, or null if none registered. */
  HostPort get(String app) {
    return app == null ? null : byApp.get(app);
  }

  boolean contains(String app) {
    return byApp.containsKey(app);
  }

  /** Where a job's completion notices go: its explicit address, else its app's frontend. */
  HostPort notificationsOf(Job job) {
    return job.spec.frontend() != null ? job.spec.frontend() : get(job.app());
  }
}
