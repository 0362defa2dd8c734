package org.sparrow.client;

/**
 * Application messages relayed to this frontend (backend -> node monitor -> scheduler ->
 * frontend) that are not Sparrow's own completion notifications. Called on a server thread:
 * must not block.
 */
@FunctionalInterface
public interface FrontendMessageListener {
  void onMessage(String requestId, String taskId, int status, byte[] message);
}
