package org.sparrow.nodemonitor.task;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * Runs {@link SparrowTask} classes named by java-kind tasks; loaded classes are cached.
 *
 * <p>A class is loaded without being initialised and its type checked first: whoever can submit
 * a task names the class, so a class that is not a task must never get to run its static
 * initialiser here. A task class is initialised when its first instance is made.
 */
final class JavaTaskRunner {

  private final ClassLoader classLoader;
  private final int maxOutputBytes;
  private final Map<String, Class<? extends SparrowTask>> classes = new ConcurrentHashMap<>();

  JavaTaskRunner(ClassLoader classLoader, int maxOutputBytes) {
    this.classLoader = classLoader;
    this.maxOutputBytes = maxOutputBytes;
  }

  TaskOutcome run(TaskLaunch launch, String message) throws InterruptedException {
    String spec = message.trim();
    int space = indexOfWhitespace(spec);
    String className = space < 0 ? spec : spec.substring(0, space);
    String argument = space < 0 ? "" : spec.substring(space + 1).trim();
    SparrowTask task;
    try {
      task = load(className).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      return TaskOutcome.failed("java task class " + className
          + " is not on the node monitor's classpath");
    } catch (ClassCastException e) {
      return TaskOutcome.failed("java task class " + className + " does not implement "
          + SparrowTask.class.getName());
    } catch (InvocationTargetException e) {
      return TaskOutcome.failed("constructing " + className + " failed: " + describe(e.getCause()));
    } catch (ExceptionInInitializerError e) {
      return TaskOutcome.failed("initialising " + className + " failed: "
          + describe(e.getCause() != null ? e.getCause() : e));
    } catch (ReflectiveOperationException | LinkageError e) {
      return TaskOutcome.failed("cannot instantiate " + className
          + " (needs a public no-argument constructor): " + describe(e));
    }
    Context context = new Context(launch.taskId().taskId(), launch.taskId().requestId(),
        launch.taskId().appId(), launch.user().user(), argument);
    int exit;
    try {
      exit = task.run(context);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      return TaskOutcome.failed(BoundedOutput.truncate(className + " failed: " + describe(e),
          maxOutputBytes));
    }
    return exit == 0 ? TaskOutcome.succeeded()
        : TaskOutcome.exited(exit, className + " returned exit code " + exit);
  }

  private Class<? extends SparrowTask> load(String className) throws ClassNotFoundException {
    Class<? extends SparrowTask> cached = classes.get(className);
    if (cached != null) {
      return cached;
    }
    // initialize=false: no static initialiser runs before the type is known to be a task.
    Class<?> c = Class.forName(className, false, classLoader);
    Class<? extends SparrowTask> task = c.asSubclass(SparrowTask.class);
    classes.putIfAbsent(className, task);
    return task;
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private record Context(String taskId, String requestId, String appId, String user,
      String argument) implements TaskContext {}
}
