package org.sparrow.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the one line a user needs. */
final class Errors {

  private Errors() {}

  static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    // One line: a multi-line message (a command's captured output, a remote error) is joined.
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
  }
}
