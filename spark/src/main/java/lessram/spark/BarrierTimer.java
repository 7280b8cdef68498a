package lessram.spark;

import java.lang.reflect.Field;
import java.util.Timer;

/**
 * Spark 3.5's barrier tasks share one {@link Timer} (in {@code BarrierTaskContext}'s companion object) whose thread
 * is not a daemon: once a barrier stage has run in a JVM, that JVM no longer ends when its main thread does (Spark
 * stops its context from a shutdown hook, which never runs then). Executors of a cluster end by {@code
 * System.exit}; a local-mode driver, which runs the tasks itself, would hang. So before the first barrier stage
 * of a local-mode fit, the timer is swapped for a daemon one (by reflection on the field, which Spark does not
 * expose; if that fails, nothing changes and the JVM ends only through {@code System.exit}).
 */
final class BarrierTimer {
  private static final String FIELD = "org$apache$spark$BarrierTaskContext$$timer";
  private static boolean done;

  private BarrierTimer() {
  }

  /** Makes this JVM's barrier timer a daemon (once; no barrier task may be running). */
  static synchronized void makeDaemon() {
    if (done) {
      return;
    }
    done = true;
    try {
      Object companion = org.apache.spark.BarrierTaskContext$.MODULE$;
      Field f = companion.getClass().getDeclaredField(FIELD);
      f.setAccessible(true);
      Timer old = (Timer) f.get(companion);
      f.set(companion, new Timer("Barrier task timer for barrier() calls.", true));
      old.cancel();
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another Spark version: leave its timer as it is
    }
  }
}
