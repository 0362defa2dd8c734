package org.sparrow.yarn.client;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Finds the fat jar this client runs from, to upload it. {@code yarn jar} may load classes from
 * an unpacked copy, so the class loader's URLs are searched for the jar that holds this class.
 */
final class JarLocator {

  private static final String SELF = YarnClientMain.class.getName().replace('.', '/') + ".class";

  private JarLocator() {}

  static Path locate() {
    try {
      URL own = YarnClientMain.class.getProtectionDomain().getCodeSource().getLocation();
      Path p = Path.of(own.toURI());
      if (Files.isRegularFile(p) && holdsSelf(p)) {
        return p;
      }
      if (YarnClientMain.class.getClassLoader() instanceof URLClassLoader loader) {
        for (URL url : loader.getURLs()) {
          Path candidate = Path.of(url.toURI());
          if (candidate.toString().endsWith(".jar") && Files.isRegularFile(candidate) && holdsSelf(candidate)) {
            return candidate;
          }
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Fall through to the error below.
    }
    throw new IllegalArgumentException("cannot tell which jar this client runs from; pass --jar PATH "
        + "(the sparrow-yarn jar to upload)");
  }

  private static boolean holdsSelf(Path jar) {
    try (JarFile f = new JarFile(jar.toFile())) {
      return f.getEntry(SELF) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
