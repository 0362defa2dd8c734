package org.sparrow.common.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A daemon's Dropwizard registry in the Prometheus text format, through the official client's
 * Dropwizard bridge. Names follow Prometheus conventions: {@code sparrow_} + the Dropwizard name
 * in snake case ({@code scheduler.scheduling-delay} becomes
 * {@code sparrow_scheduler_scheduling_delay_seconds}), timers as summaries in seconds, meters and
 * counters as {@code _total} counters; jobs per placement policy are one counter with a
 * {@code policy} label.
 */
public final class PrometheusText {

  /** Dropwizard meters named this + a policy name count jobs per placement policy. */
  public static final String POLICY_METERS = "scheduler.jobs.policy.";
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final String PREFIX = "sparrow.";
  private static final CustomLabelMapper LABELS = new CustomLabelMapper(List.of(
      new MapperConfig(PREFIX + POLICY_METERS + "*", "sparrow_scheduler_jobs_by_policy", Map.of("policy", "${0}"))));
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  private PrometheusText() {}

  /** Writes every metric of {@code registry} as it is now. */
  public static void write(MetricRegistry registry, OutputStream out) throws IOException {
    // A view with the exported names, rebuilt per scrape: metrics added later (a new policy's
    // meter) appear, removed ones (a closed daemon's gauges) go.
    MetricRegistry view = new MetricRegistry();
    for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
      view.register(exportedName(e.getKey(), e.getValue()), e.getValue());
    }
    WRITER.write(out, new DropwizardExports(view, MetricFilter.ALL, LABELS).collect());
  }

  static String exportedName(String name, Metric metric) {
    if (name.startsWith(POLICY_METERS)) {
      return PREFIX + name;  // the policy part becomes a label value, kept as it is
    }
    String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9.]+", "_");
    return PREFIX + snake + (metric instanceof Timer ? ".seconds" : "");
  }
}
