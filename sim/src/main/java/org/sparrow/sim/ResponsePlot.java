package org.sparrow.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws job response time against load, one line per policy: median on the left, 95th
 * percentile on the right, logarithmic time axis (a saturated policy is orders of magnitude
 * off). Pure java.awt on an off-screen image; runs headless.
 */
public final class ResponsePlot {

  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x111111), new Color(0x8c564b), new Color(0xe377c2)};
  private static final int PANEL_W = 560;
  private static final int PANEL_H = 420;
  private static final int MARGIN_L = 70;
  private static final int MARGIN_R = 20;
  private static final int MARGIN_T = 50;
  private static final int MARGIN_B = 60;
  private static final int LEGEND_H = 30;

  private ResponsePlot() {}

  public static void write(Path file, List<PolicyResult> results, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = render(results, title);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available to write " + file);
    }
  }

  static BufferedImage render(List<PolicyResult> results, String title) {
    Map<String, List<PolicyResult>> byPolicy = new LinkedHashMap<>();
    for (PolicyResult r : results) {
      byPolicy.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    }
    byPolicy.values().forEach(l -> l.sort((a, b) -> Double.compare(a.load(), b.load())));
    int width = 2 * PANEL_W;
    int height = PANEL_H + LEGEND_H + 30;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      centered(g, title, width / 2, 22);
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (PolicyResult r : results) {
        for (double v : new double[] {r.stats().p50Millis(), r.stats().p95Millis()}) {
          if (v > 0) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      if (hi == 0) {
        lo = 1;
        hi = 10;
      }
      double minLoad = results.stream().mapToDouble(PolicyResult::load).min().orElse(0);
      double maxLoad = results.stream().mapToDouble(PolicyResult::load).max().orElse(1);
      // Load axis from 0 to the next tenth at or above the highest load, ticks every tenth.
      Axes axes = new Axes(Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi) + 1e-9),
          Math.min(0, Math.floor(minLoad * 10) / 10), Math.max(Math.ceil(maxLoad * 10 - 1e-9) / 10, 0.1));
      panel(g, 0, "median job response time", byPolicy, r -> r.stats().p50Millis(), axes);
      panel(g, PANEL_W, "95th percentile job response time", byPolicy, r -> r.stats().p95Millis(), axes);
      legend(g, byPolicy, PANEL_H + 20, width);
    } finally {
      g.dispose();
    }
    return image;
  }

  private record Axes(double logLo, double logHi, double loadLo, double loadHi) {}

  private static void panel(Graphics2D g, int x0, String name, Map<String, List<PolicyResult>> byPolicy,
      ToDoubleFunction<PolicyResult> value, Axes axes) {
    int left = x0 + MARGIN_L;
    int right = x0 + PANEL_W - MARGIN_R;
    int top = MARGIN_T;
    int bottom = PANEL_H - MARGIN_B + MARGIN_T;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    centered(g, name, (left + right) / 2, top - 8);
    // Grid and ticks: decades with 2 and 5 between them.
    for (int decade = (int) axes.logLo; decade <= (int) axes.logHi; decade++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * Math.pow(10, decade);
        double lv = Math.log10(v);
        if (lv < axes.logLo - 1e-9 || lv > axes.logHi + 1e-9) {
          continue;
        }
        int y = (int) Math.round(bottom - (lv - axes.logLo) / (axes.logHi - axes.logLo) * (bottom - top));
        g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
        g.drawLine(left, y, right, y);
        g.setColor(Color.DARK_GRAY);
        String label = v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
        g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), y + 4);
      }
    }
    int ticks = (int) Math.round((axes.loadHi - axes.loadLo) * 10);
    for (int i = 0; i <= ticks; i++) {
      double load = axes.loadLo + i / 10.0;
      int x = (int) Math.round(left + (load - axes.loadLo) / (axes.loadHi - axes.loadLo) * (right - left));
      g.setColor(new Color(0xeeeeee));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.DARK_GRAY);
      centered(g, String.format(Locale.ROOT, "%.1f", load), x, bottom + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, right - left, bottom - top);
    centered(g, "load (fraction of slots busy)", (left + right) / 2, bottom + 36);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    centered(rotated, "ms (log scale)", -(top + bottom) / 2, x0 + 16);
    rotated.dispose();
    int colour = 0;
    for (Map.Entry<String, List<PolicyResult>> e : byPolicy.entrySet()) {
      g.setColor(PALETTE[colour++ % PALETTE.length]);
      g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (PolicyResult r : e.getValue()) {
        double v = value.applyAsDouble(r);
        if (!(v > 0)) {
          continue;
        }
        int x = (int) Math.round(left + (r.load() - axes.loadLo) / (axes.loadHi - axes.loadLo) * (right - left));
        int y = (int) Math.round(bottom - (Math.log10(v) - axes.logLo) / (axes.logHi - axes.logLo) * (bottom - top));
        g.fillOval(x - 3, y - 3, 7, 7);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static void legend(Graphics2D g, Map<String, List<PolicyResult>> byPolicy, int y, int width) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    int total = 0;
    for (String name : byPolicy.keySet()) {
      total += 30 + fm.stringWidth(name) + 20;
    }
    int x = Math.max(10, (width - total) / 2);
    int colour = 0;
    for (String name : byPolicy.keySet()) {
      g.setColor(PALETTE[colour++ % PALETTE.length]);
      g.fillRect(x, y + 10, 24, 4);
      g.setColor(Color.BLACK);
      g.drawString(name, x + 30, y + 16);
      x += 30 + fm.stringWidth(name) + 20;
    }
  }

  private static void centered(Graphics2D g, String text, int x, int y) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
  }
}
