package org.sparrow.am;

/**
 * The uploaded fat jar, as YARN needs it to localize the jar into containers (size and
 * modification time must match the file in the distributed file system).
 */
public record JarLocation(String uri, long size, long timestamp) {}
