package org.sparrow.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Minimal JSON output for reports: maps (in their order), lists, strings, numbers, booleans. */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.append('\n').toString();
  }

  /** One line per document (JSON Lines), for output that repeats, such as workers --watch. */
  static String writeCompact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, -1);
    return sb.append('\n').toString();
  }

  /** @param indent nesting depth, or -1 for no line breaks at all */
  private static void write(Object v, StringBuilder sb, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (indent < 0) {
          sb.append(first ? "" : ", ");
        } else {
          sb.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
        }
        string(String.valueOf(e.getKey()), sb);
        sb.append(": ");
        write(e.getValue(), sb, indent < 0 ? -1 : indent + 1);
        first = false;
      }
      sb.append(first || indent < 0 ? "" : "\n" + "  ".repeat(indent)).append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        write(list.get(i), sb, indent);
      }
      sb.append(']');
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      string(v.toString(), sb);
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
