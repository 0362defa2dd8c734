package org.sparrow.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The JSON form of {@link ClusterSnapshot} (field names are the records' component names). */
public final class StatusJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  /** Everything, history included: what {@code cluster.json} and a dashboard's first event carry. */
  public static String full(ClusterSnapshot snapshot) {
    return write(snapshot);
  }

  /** Without the history but its newest point: what dashboards get on every sample after the first. */
  public static String update(ClusterSnapshot snapshot) {
    return write(snapshot.withLatestPointOnly());
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String writePretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
