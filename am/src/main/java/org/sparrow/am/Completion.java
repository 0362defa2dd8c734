package org.sparrow.am;

/** YARN's word that a container ended, in plain Java terms. */
public record Completion(String containerId, int exitStatus, String diagnostics) {}
