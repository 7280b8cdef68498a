package lessram.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lessram.OnlineClassifier;
import lessram.SessionDelta;
import org.apache.spark.broadcast.Broadcast;

/**
 * The models an executor JVM keeps between rounds, so that the driver sends each round's merged changes
 * ({@link SessionDelta}, a few bytes per changed coordinate) instead of the whole model: per training run
 * ("lineage") the latest version seen. A task asks for version {@code v}: the kept model is brought up to it
 * with the round updates it has not applied yet; an executor that has none (new, or its model evicted) starts
 * from the run's last full snapshot. Models are never changed in place (tasks train copies), so a straggling
 * task of an earlier round still reads the version it started with. At most {@value #KEPT} runs are kept.
 */
final class ExecutorModels {
  private static final int KEPT = 4;

  private static final Map<String, Versioned> MODELS = new LinkedHashMap<String, Versioned>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Versioned> eldest) {
      return size() > KEPT;
    }
  };

  private ExecutorModels() {
  }

  private static final class Versioned {
    final long version;
    final OnlineClassifier session;

    Versioned(long version, OnlineClassifier session) {
      this.version = version;
      this.session = session;
    }
  }

  /**
   * Version {@code version} of run {@code lineage}.
   *
   * @param snapshot the run's model at {@code snapshotVersion}, serialized
   * @param updates {@code updates.get(i)} turns version {@code snapshotVersion + i} into the next one
   */
  static synchronized OnlineClassifier get(String lineage, long version, long snapshotVersion,
      Broadcast<byte[]> snapshot, List<Broadcast<byte[]>> updates) {
    Versioned kept = MODELS.get(lineage);
    OnlineClassifier s;
    long v;
    if (kept != null && kept.version <= version && kept.version >= snapshotVersion) {
      s = kept.session;
      v = kept.version;
    } else {
      s = deserialize(snapshot.value());
      v = snapshotVersion;
    }
    while (v < version) {
      s = SessionDelta.fromBytes(updates.get((int) (v - snapshotVersion)).value()).applyTo(s);
      v++;
    }
    if (kept == null || kept.version != v) {
      MODELS.put(lineage, new Versioned(v, s));
    }
    return s;
  }

  /** Forgets run {@code lineage} (in this JVM). */
  static synchronized void release(String lineage) {
    MODELS.remove(lineage);
  }

  static byte[] serialize(OnlineClassifier s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static OnlineClassifier deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (OnlineClassifier) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
