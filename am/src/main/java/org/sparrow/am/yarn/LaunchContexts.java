package org.sparrow.am.yarn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.JarLocation;
import org.sparrow.am.LaunchCommand;

/**
 * The launch context of a daemon container: the fat jar localized as {@value #JAR_NAME}, the
 * command from {@link LaunchCommand}, and the AM's tokens minus its own AMRM token (containers
 * need the file-system tokens to localize on a secure cluster, never the AM's identity).
 */
public final class LaunchContexts {

  /** The name the fat jar has in every container's working directory. */
  public static final String JAR_NAME = "sparrow-yarn.jar";

  private final AmSettings settings;
  private final LocalResource jar;
  private final ByteBuffer tokens;

  LaunchContexts(AmSettings settings) {
    this.settings = settings;
    JarLocation location = settings.jar();
    if (location == null) {
      throw new IllegalArgumentException(AmSettings.JAR_URI + " is not set: the AM does not know where the jar is");
    }
    this.jar = LocalResource.newInstance(URL.fromURI(URI.create(location.uri())), LocalResourceType.FILE,
        LocalResourceVisibility.APPLICATION, location.size(), location.timestamp());
    this.tokens = containerTokens();
  }

  ContainerLaunchContext forContainer(ContainerRef container) {
    String command = LaunchCommand.shellLine(Environment.JAVA_HOME.$$() + "/bin/java", JAR_NAME, settings,
        container, ApplicationConstants.LOG_DIR_EXPANSION_VAR);
    return ContainerLaunchContext.newInstance(Map.of(JAR_NAME, jar), Map.of(), List.of(command), null,
        tokens == null ? null : tokens.duplicate(), null);
  }

  private static ByteBuffer containerTokens() {
    try {
      Credentials credentials = UserGroupInformation.getCurrentUser().getCredentials();
      Iterator<Token<? extends TokenIdentifier>> it = credentials.getAllTokens().iterator();
      while (it.hasNext()) {
        if (it.next().getKind().equals(AMRMTokenIdentifier.KIND_NAME)) {
          it.remove();
        }
      }
      DataOutputBuffer out = new DataOutputBuffer();
      credentials.writeTokenStorageToStream(out);
      return ByteBuffer.wrap(out.getData(), 0, out.getLength());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the AM's credentials", e);
    }
  }
}
