package lessram;

/**
 * An {@link InstanceView} over a host's instance type {@code T}, bound to one instance for the duration of
 * one call of the session and released afterwards (so the learner keeps no reference to the data). A host
 * subclasses it with the five reads of its own instance type and calls {@link #predict}, {@link #train} or
 * {@link #encode}; one view per learner serves every call (not thread-safe, like the session).
 */
public abstract class HostInstanceView<T> implements InstanceView {
  /** The instance being read, during a call; null otherwise. */
  protected T instance;

  /** A view to bind per call. */
  protected HostInstanceView() {
  }

  /** A view of one instance, for a single use (for example from many threads, one view each). */
  protected HostInstanceView(T instance) {
    this.instance = instance;
  }

  /** {@link OnlineClassifier#predict} of {@code x}. */
  public final double[] predict(OnlineClassifier session, T x) {
    instance = x;
    try {
      return session.predict(this);
    } finally {
      instance = null;
    }
  }

  /** {@link OnlineClassifier#train} on {@code x}. */
  public final OnlineClassifier.Outcome train(OnlineClassifier session, T x) {
    instance = x;
    try {
      return session.train(this);
    } finally {
      instance = null;
    }
  }

  /** {@link OnlineClassifier#encode} of {@code x}. */
  public final int encode(OnlineClassifier session, T x) {
    instance = x;
    try {
      return session.encode(this);
    } finally {
      instance = null;
    }
  }
}
