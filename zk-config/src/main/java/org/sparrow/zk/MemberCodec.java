package org.sparrow.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

/**
 * JSON encoding of what the znodes hold. Pretty-printed so {@code zkCli.sh get} is readable;
 * unknown fields are ignored so an older daemon can read what a newer one wrote.
 */
public final class MemberCodec {

  // Immutable once configured and thread-safe, so sharing it is not shared mutable state.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private MemberCodec() {}

  /** UTF-8 JSON of a NodeMonitorInfo, SchedulerInfo or ClusterSettings. */
  public static byte[] encode(Object value) {
    Objects.requireNonNull(value, "value");
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Decodes a node monitor znode; its JSON id must equal the znode name. */
  public static NodeMonitorInfo decodeNodeMonitor(String path, byte[] data) {
    NodeMonitorInfo info = decode(path, data, NodeMonitorInfo.class);
    checkIdMatchesName(path, info.id());
    return info;
  }

  /** Decodes a scheduler znode; its JSON id must equal the znode name. */
  public static SchedulerInfo decodeScheduler(String path, byte[] data) {
    SchedulerInfo info = decode(path, data, SchedulerInfo.class);
    checkIdMatchesName(path, info.id());
    return info;
  }

  public static ClusterSettings decodeSettings(String path, byte[] data) {
    return decode(path, data, ClusterSettings.class);
  }

  /** Decodes JSON read from {@code path}; any problem is a {@link MalformedZnodeException} naming it. */
  public static <T> T decode(String path, byte[] data, Class<T> type) {
    String what = "does not hold a valid " + type.getSimpleName() + ": ";
    if (data == null || data.length == 0) {
      throw new MalformedZnodeException(path, what + "it is empty", null);
    }
    T value;
    try {
      value = MAPPER.readValue(data, type);
    } catch (ValueInstantiationException e) {
      // The record's constructor refused the values (e.g. slots = 0); its message says why.
      Throwable why = e.getCause() != null ? e.getCause() : e;
      throw new MalformedZnodeException(path, what + why.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new MalformedZnodeException(path, what + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedZnodeException(path, what + e.getMessage(), e);
    }
    if (value == null) {
      throw new MalformedZnodeException(path, what + "it holds JSON null", null);
    }
    return value;
  }

  private static void checkIdMatchesName(String path, String id) {
    String name = ZkPaths.nameOf(path);
    if (!name.equals(id)) {
      throw new MalformedZnodeException(path, "announces id '" + id + "' but is named '" + name + "'", null);
    }
  }
}
