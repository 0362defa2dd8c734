package org.sparrow.scheduler;

/** A task handed to a node monitor (answer to getTasks, or bound in a reservation). */
public record TaskLaunch(FullTaskId id, UserInfo user, byte[] message, String kind) {}
