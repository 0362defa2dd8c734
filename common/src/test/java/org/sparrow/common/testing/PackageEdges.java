package org.sparrow.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package edges of a module's main sources that a table of allowed edges forbids, for the
 * modules' package-dependency tests. Reads the sources, not the classes, because javac inlines
 * constants, so a class file can lose an edge that its import still makes.
 */
public final class PackageEdges {

  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  private PackageEdges() {}

  /**
   * Each file of a listed package (only its own files: a subpackage is checked under its own
   * name) that names another package of {@code base} not allowed to it, as {@code "file ->
   * package"}. Run from the module directory.
   *
   * @param base    the module's top package, e.g. {@code org.sparrow.am}
   * @param allowed subpackage below {@code base} ("" is {@code base} itself) -> the other
   *                subpackages it may name; packages not listed are not checked
   * @throws IllegalStateException when a listed package has no sources, so a renamed package
   *     cannot make the check pass by checking nothing
   */
  public static List<String> forbidden(String base, Map<String, Set<String>> allowed) {
    Path sources = Path.of("src/main/java", base.split("\\."));
    // Group 1 is the referenced package below base ("" = base); a type or a wildcard import.
    Pattern reference = Pattern.compile("\\b" + Pattern.quote(base) + "((?:\\.[a-z]\\w*)*)\\.(?:[A-Z]|\\*)");
    List<String> violations = new ArrayList<>();
    new TreeMap<>(allowed).forEach((pkg, mayName) -> {
      List<Path> files = javaFiles(pkg.isEmpty() ? sources : sources.resolve(pkg));
      if (files.isEmpty()) {
        throw new IllegalStateException("no sources of '" + pkg + "' under " + sources.toAbsolutePath()
            + " (run from the module directory)");
      }
      for (Path file : files) {
        for (String target : referencedPackages(file, reference)) {
          if (!target.equals(pkg) && !mayName.contains(target)) {
            violations.add(sources.relativize(file) + " -> " + (target.isEmpty() ? base : target));
          }
        }
      }
    });
    return violations;
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

  private static Set<String> referencedPackages(Path file, Pattern reference) {
    String code;
    try {
      code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> packages = new TreeSet<>();
    Matcher m = reference.matcher(code);
    while (m.find()) {
      String sub = m.group(1);
      packages.add(sub.isEmpty() ? "" : sub.substring(1));
    }
    return packages;
  }
}
