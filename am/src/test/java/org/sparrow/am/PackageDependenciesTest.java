package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the AM's packages in layers: {@code autoscale} (the policy, on plain numbers), then
 * {@code status} (the report and its pages), then the root (the AM's core, which builds the
 * report and the policy's sample), then {@code zk}; {@code yarn} wires them and may name any.
 * Reads the sources, not the classes, because javac inlines constants, so a class file can lose
 * an edge that its import still makes.
 */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java/org/sparrow/am");

  /** Package ("" is the root) -> the other am packages it may name. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "autoscale", Set.of(),
      "status", Set.of("autoscale"),
      "", Set.of("autoscale", "status"),
      "zk", Set.of("", "autoscale", "status"));

  /** A reference to an am type or package; group 1 is its package below am ("" = root). */
  private static final Pattern REFERENCE =
      Pattern.compile("\\borg\\.sparrow\\.am((?:\\.[a-z]\\w*)*)\\.(?:[A-Z]|\\*)");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void eachPackageNamesOnlyThePackagesBelowIt() {
    List<String> violations = new ArrayList<>();
    ALLOWED.forEach((pkg, allowed) -> {
      List<Path> files = javaFiles(pkg.isEmpty() ? SOURCES : SOURCES.resolve(pkg));
      assertThat(files).as("sources of '%s' (run from the module directory)", pkg).isNotEmpty();
      for (Path file : files) {
        for (String target : referencedPackages(file)) {
          if (!target.equals(pkg) && !allowed.contains(target)) {
            violations.add(SOURCES.relativize(file) + " -> "
                + (target.isEmpty() ? "org.sparrow.am" : target));
          }
        }
      }
    });
    assertThat(violations).as("package edges that break the layers").isEmpty();
  }

  /** Only the package's own files: a subpackage is checked under its own name. */
  private static List<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir, 1)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> referencedPackages(Path file) {
    String code;
    try {
      code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> packages = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      String sub = m.group(1);
      packages.add(sub.isEmpty() ? "" : sub.substring(1));
    }
    return packages;
  }
}
