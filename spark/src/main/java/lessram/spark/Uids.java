package lessram.spark;

/**
 * The uid of a Spark ML stage while its superclass constructor runs. Spark's Scala stages receive their uid
 * before their superclasses are built, and those superclasses create params named after it (calling {@code
 * uid()}); a Java subclass can only set its own fields afterwards. Its constructor therefore hands the uid
 * over here first, and its {@code uid()} reads it from here until its field is set.
 */
final class Uids {
  private static final ThreadLocal<String> CONSTRUCTING = new ThreadLocal<>();

  private Uids() {
  }

  /** Remembers {@code uid} for the construction that is about to start on this thread; returns it. */
  static String constructing(String uid) {
    CONSTRUCTING.set(uid);
    return uid;
  }

  /** The uid of the stage being constructed on this thread. */
  static String current() {
    return CONSTRUCTING.get();
  }

  /** Ends the construction. */
  static void constructed() {
    CONSTRUCTING.remove();
  }
}
