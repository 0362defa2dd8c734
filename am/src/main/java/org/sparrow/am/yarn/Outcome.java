package org.sparrow.am.yarn;

/**
 * How the AM ends.
 *
 * @param succeeded   the final status to report
 * @param diagnostics shown by YARN for the application
 * @param unregister  false when the ResourceManager itself told the AM to go (it must not
 *                    unregister then, or YARN would not start another attempt)
 */
public record Outcome(boolean succeeded, String diagnostics, boolean unregister) {}
