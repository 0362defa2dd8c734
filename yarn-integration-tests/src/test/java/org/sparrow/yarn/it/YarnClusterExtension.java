package org.sparrow.yarn.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the suite's one {@link YarnTestCluster}: created on first use, kept in the root
 * context's store (so every test class shares it) and closed when the suite ends.
 */
final class YarnClusterExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == YarnTestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(YarnClusterExtension.class))
        .getOrComputeIfAbsent(YarnTestCluster.class, k -> {
          try {
            return new YarnTestCluster();
          } catch (Exception e) {
            throw new IllegalStateException("cannot start the MiniYARNCluster: " + e, e);
          }
        }, YarnTestCluster.class);
  }
}
