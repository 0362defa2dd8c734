package org.sparrow.yarn.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * Decides which staging directories under a staging root a client command removes: those of
 * this user's Sparrow applications that have ended. Pure: it is given the directory listing, the
 * ResourceManager's answers (through a lookup) and the time, and returns one decision per
 * directory it looked at; {@link StagingSweeper} lists, asks and deletes.
 *
 * <p>Why each rule: the root may be shared (a {@code sparrow.yarn.staging-dir} outside the home
 * directory), so only this user's directories named like an application id are considered, and
 * only applications the RM reports as this user's SPARROW applications are deleted. The RM forgets
 * ended applications (after {@code yarn.resourcemanager.max-completed-applications}, or a restart
 * without recovery), so a directory it does not know is deleted too, but only once it is older
 * than {@link Limits#unknownMinAge()}: a submit in progress has its directory before the RM has
 * the application. Each call is capped (RM questions and deletions) so that a backlog costs a
 * command seconds, not minutes; oldest first, so repeated commands work through it.
 */
final class StagingSweep {

  static final String SPARROW_TYPE = Submitter.APPLICATION_TYPE;
  private static final Set<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  /** One child of the staging root, as the file system lists it. */
  record Entry(String name, String owner, long modifiedMillis) {}

  /** What the ResourceManager says about the application a directory is named after. */
  sealed interface Facts {
    /** The RM knows it. */
    record Known(YarnApplicationState state, String type, String user) implements Facts {}

    /** The RM answered that it does not know the application. */
    record Unknown() implements Facts {}

    /** The RM could not be asked (an error other than "not found"): keep the directory. */
    record Unanswered(String error) implements Facts {}
  }

  record Decision(Entry entry, boolean delete, String reason) {}

  /**
   * @param maxLookups    directories whose application is looked up per call
   * @param maxDeletions  directories deleted per call
   * @param unknownMinAge how old a directory of an application the RM does not know must be
   */
  record Limits(int maxLookups, int maxDeletions, Duration unknownMinAge) {
    Limits {
      if (maxLookups < 0 || maxDeletions < 0 || unknownMinAge.isNegative()) {
        throw new IllegalArgumentException("staging sweep limits must not be negative: " + maxLookups + ", "
            + maxDeletions + ", " + unknownMinAge);
      }
    }
  }

  private final String user;
  private final Limits limits;

  StagingSweep(String user, Limits limits) {
    this.user = user;
    this.limits = limits;
  }

  /**
   * Looks up, oldest first, this user's application-named directories until the caps are
   * reached, and decides each. Directories not looked at are not in the result.
   */
  List<Decision> plan(List<Entry> listing, Function<ApplicationId, Facts> rm, long nowMillis) {
    List<Entry> candidates = listing.stream()
        .filter(e -> applicationId(e.name()) != null && ours(e))
        .sorted(Comparator.comparingLong(Entry::modifiedMillis).thenComparing(Entry::name))
        .toList();
    List<Decision> decisions = new ArrayList<>();
    int deletions = 0;
    int lookups = 0;
    for (Entry e : candidates) {
      if (deletions >= limits.maxDeletions() || lookups >= limits.maxLookups()) {
        break;
      }
      lookups++;
      Decision d = decide(e, rm.apply(applicationId(e.name())), nowMillis);
      decisions.add(d);
      if (d.delete()) {
        deletions++;
      }
    }
    return decisions;
  }

  Decision decide(Entry e, Facts facts, long nowMillis) {
    if (facts instanceof Facts.Known k) {
      if (!SPARROW_TYPE.equals(k.type())) {
        return new Decision(e, false, "application type " + k.type() + ", not " + SPARROW_TYPE);
      }
      if (!user.equals(k.user())) {
        return new Decision(e, false, "submitted by " + k.user() + ", not " + user);
      }
      return ENDED.contains(k.state())
          ? new Decision(e, true, "the application ended (" + k.state() + ")")
          : new Decision(e, false, "still " + k.state());
    }
    if (facts instanceof Facts.Unknown) {
      if (e.owner() == null || e.owner().isBlank()) {
        return new Decision(e, false, "the ResourceManager does not know the application and the file system "
            + "names no owner");
      }
      Duration age = Duration.ofMillis(Math.max(0, nowMillis - e.modifiedMillis()));
      return age.compareTo(limits.unknownMinAge()) >= 0
          ? new Decision(e, true, "the ResourceManager does not know the application and the directory is "
              + age.toMinutes() + " min old")
          : new Decision(e, false, "the ResourceManager does not know the application, but the directory is only "
              + age.toSeconds() + " s old (under " + limits.unknownMinAge().toSeconds() + " s)");
    }
    return new Decision(e, false, "could not ask the ResourceManager: " + ((Facts.Unanswered) facts).error());
  }

  /** A file system without owners (blank) cannot say; the RM's user check still applies. */
  private boolean ours(Entry e) {
    return e.owner() == null || e.owner().isBlank() || e.owner().equals(user);
  }

  static ApplicationId applicationId(String name) {
    if (!name.startsWith(ApplicationId.appIdStrPrefix)) {
      return null;
    }
    try {
      return ApplicationId.fromString(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
