package org.sparrow.nodemonitor;

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
 * Keeps the node monitor's leaf packages free of cycles: each may name only the packages listed
 * here (the root and {@code thrift} may name any; the daemon is the composition root). Reads the
 * sources, not the classes, because javac inlines constants, so a class file can lose an edge
 * that its import still makes.
 */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java/org/sparrow/nodemonitor");

  /** Subpackage -> the other nodemonitor packages it may name ("" is the root, never allowed). */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "reservation", Set.of(),
      "launch", Set.of("reservation"),
      "queue", Set.of("reservation"),
      "task", Set.of("launch", "reservation"));

  /** A reference to a nodemonitor type; group 1 is its package below nodemonitor ("" = root). */
  private static final Pattern REFERENCE =
      Pattern.compile("\\borg\\.sparrow\\.nodemonitor((?:\\.[a-z]\\w*)*)\\.[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void leafPackagesNameOnlyTheirAllowedPackages() {
    List<String> violations = new ArrayList<>();
    ALLOWED.forEach((pkg, allowed) -> {
      List<Path> files = javaFiles(SOURCES.resolve(pkg));
      assertThat(files).as("sources of %s (run from the module directory)", pkg).isNotEmpty();
      for (Path file : files) {
        for (String target : referencedPackages(file)) {
          if (!target.equals(pkg) && !allowed.contains(target)) {
            violations.add(SOURCES.relativize(file) + " -> "
                + (target.isEmpty() ? "org.sparrow.nodemonitor" : target));
          }
        }
      }
    });
    assertThat(violations).as("package edges that make a cycle").isEmpty();
  }

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
