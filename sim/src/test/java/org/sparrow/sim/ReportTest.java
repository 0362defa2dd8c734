package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static final List<PolicyResult> RESULTS = List.of(
      new PolicyResult("omniscient", 0.1, new ResponseStats(10, 100_000_000, 150_000_000, 190_000_000, 200_000_000, 110_500_000.0), 1, 1, 1),
      new PolicyResult("omniscient", 0.5, new ResponseStats(10, 120_000_000, 250_000_000, 290_000_000, 300_000_000, 130_000_000.0), 1, 1, 1),
      new PolicyResult("random", 0.1, new ResponseStats(10, 300_000_000, 900_000_000, 1_900_000_000, 2_000_000_000, 400_000_000.0), 1, 1, 1));

  @Test
  void csvHasTheAgreedColumns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/sim.csv");
    CsvReport.write(file, RESULTS);
    assertThat(Files.readAllLines(file)).containsExactly(
        "policy,load,p50_ms,p95_ms,p99_ms,mean_ms",
        "omniscient,0.10,100.000,150.000,190.000,110.500",
        "omniscient,0.50,120.000,250.000,290.000,130.000",
        "random,0.10,300.000,900.000,1900.000,400.000");
  }

  @Test
  void plotIsAPngWithALineForEachPolicy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.png");
    ResponsePlot.write(file, RESULTS, "test");
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isGreaterThan(800);
    // Somewhere the first policy's colour (blue) and the second's (red) were drawn.
    boolean blue = false;
    boolean red = false;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        blue |= rgb == 0x1f77b4;
        red |= rgb == 0xd62728;
      }
    }
    assertThat(blue).isTrue();
    assertThat(red).isTrue();
  }
}
