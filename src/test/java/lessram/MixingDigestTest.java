package lessram;

import static lessram.MixingFixtures.assertSameState;
import static lessram.MixingFixtures.encoderBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Parameter mixing's results pinned bit for bit: for each configuration, a SHA-256 digest of every exchanged
 * delta and update (their bytes) and of the final merged model (every coordinate's fields, counts, generator,
 * rate statistics, feature mapping), over several rounds with kept, {@link PartitionCopy#prepare}d copies and
 * in-place merges, as a host runs them. A change that should only make mixing faster must leave every digest as
 * it is; a change of the merge's rules changes them on purpose (then the new digests are stated in the failure
 * message and the commit says why they changed).
 */
class MixingDigestTest {

  private static Settings.Builder fixed() {
    return Settings.builder(LearningRateSchedule.PER_COORDINATE).alpha(0.2).seed(11);
  }

  private static Settings with(Consumer<Settings.Builder> change) {
    Settings.Builder b = fixed();
    change.accept(b);
    return b.build();
  }

  /** The digests of each configuration on synthetic data (uniform features). */
  private static Map<String, String> expectedSynthetic() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("adaptive per-coordinate", "d70d0728a050a6555bac9cad5ec44ce1b7e3b411bf5bc29218b16e5a2162fada");
    m.put("adaptive global", "8aab5c24689fc53bea52407f9559d85ce62fea0a6e89c1ca0f895439925aa425");
    m.put("fixed", "c4d102cdb7366c9c432c8120562a0aaf4e7adaad51e87b0d6870d09a8ddf5a7e");
    m.put("fixed average", "82a93a4bb6898899a34ff5fccd247d4bc0c3fcd717776914600521b53b0c5528");
    m.put("fixed coarse grid", "edd93238cf58f95290919421ad79098cc804b21b020eee89015afd91cf9126f1");
    m.put("global 0.5", "84f6b1ee61d7279c75285a8091e60d14e5234de4f9ccf5536e79363eb9946cab");
    m.put("float64 exact", "cf7b956f4be2e6200a7a874408e02c57c0c8bcd9bdc636291afeaf3c34f37b44");
    m.put("float32", "3b9f0531e88e062e100f086e66d250f4b5e730183315d2a8ff981d86516d9261");
    m.put("nearest", "87b7754ee77f984428edbdddcfd3fd6f01986523fcaaaa829065a00d578b738e");
    m.put("q2.9 6-bit base 1.3", "59db0d74cab99df0010ce1664fa9dc19d9fd8cdffa5bf6e16c853ab28d5d8cfb");
    m.put("exact 12-bit", "a693387529147fcb89f562d1c0954b3e760af42faed119757e32f2831ab7926b");
    m.put("hashing 6", "c57647dac1b4bf2ef7f5d8a117df97c7ebba1ab2129cd87bcc4e91594917ad8e");
    m.put("sparse map", "c4d102cdb7366c9c432c8120562a0aaf4e7adaad51e87b0d6870d09a8ddf5a7e");
    m.put("no scaling", "8597f7dd350341faa4ffccf7a18f47c828d4150f403b32cfcdc4772c9d62b634");
    m.put("max-abs", "f3f80bd8184ef2f015ee8c90d25d1afc0c0bfc43e330e8c368dbc1940681f9e5");
    return m;
  }

  private static Settings settingsOf(String name) {
    switch (name) {
      case "adaptive per-coordinate":
        return Settings.builder(LearningRateSchedule.PER_COORDINATE).seed(11).build();
      case "adaptive global":
        return Settings.builder(LearningRateSchedule.GLOBAL).seed(11).build();
      case "fixed":
      case "fixed average":
      case "fixed coarse grid":
        return fixed().build();
      case "global 0.5":
        return Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).seed(5).build();
      case "float64 exact":
        return with(b -> b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT));
      case "float32":
        return with(b -> b.storage(CoefficientStorage.FLOAT32));
      case "nearest":
        return with(b -> b.storage(CoefficientStorage.NEAREST));
      case "q2.9 6-bit base 1.3":
        return with(b -> b.fractionBits(9).counterBits(6).morrisBase(1.3));
      case "exact 12-bit":
        return with(b -> b.counterType(CounterType.EXACT).counterBits(12));
      case "hashing 6":
        return with(b -> b.hashingBits(6));
      case "sparse map":
        return with(b -> b.sparseMap(true));
      case "no scaling":
        return with(b -> b.scaling(ScalingMode.NONE));
      case "max-abs":
        return with(b -> b.scaling(ScalingMode.MAX_ABS));
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @Test
  void mergedModelsOnSyntheticDataAreAsPinned() {
    SyntheticData binary = new SyntheticData(400, 10, 2, 4800, 1.0, 23);
    SyntheticData multi = new SyntheticData(300, 8, 3, 3600, 1.0, 29);
    Map<String, String> expected = expectedSynthetic();
    Map<String, String> actual = new LinkedHashMap<>();
    for (String name : expected.keySet()) {
      ParameterMixing.Rule rule = name.endsWith("average") ? ParameterMixing.Rule.AVERAGE
          : ParameterMixing.Rule.EXTRAPOLATED;
      int gridBits = name.endsWith("coarse grid") ? 6 : 0;
      MessageDigest digest = sha256();
      for (SyntheticData data : Arrays.asList(binary, multi)) {
        OnlineClassifier start = MixingFixtures.session(settingsOf(name), data);
        run(start, data.ids, data.values, data.labels, data.dimension, 3, 200, gridBits, rule, digest);
      }
      actual.put(name, hex(digest.digest()));
    }
    assertEquals(describe(expected), describe(actual));
  }

  @Test
  void mergedModelsWithTheClassFirstAreAsPinned() {
    // a header whose attribute a is not feature a: the copies find the features of the declared attributes
    // through the header's layout
    SyntheticData data = new SyntheticData(400, 10, 2, 4800, 1.0, 31);
    MessageDigest digest = sha256();
    OnlineClassifier start = new OnlineClassifier(fixed().build(), MixingFixtures.header(data.dimension, 2, true));
    run(start, data.ids, data.values, data.labels, data.dimension, 3, 200, 0, ParameterMixing.Rule.EXTRAPOLATED,
        digest, true);
    assertEquals(CLASS_FIRST, hex(digest.digest()));
  }

  private static final String CLASS_FIRST = "cd5fbfd6d745142ea85a4db44f4b0494e5c1b29ae5c722439fd67dad3fd8f1e6";

  @Test
  void preparedCopiesOfAHeaderWithNominalAttributesTrainAsFreshOnes() {
    // attributes 0-2 nominal (4 labels: 4 features each), 3-4 numeric, 5 the class: the declared attributes'
    // features come from the header's ranges
    HeaderView header = new HeaderView() {
      @Override
      public int numAttributes() {
        return 6;
      }

      @Override
      public int classIndex() {
        return 5;
      }

      @Override
      public int arity(int a) {
        return a < 3 ? 4 : a == 5 ? 2 : InstanceEncoder.NUMERIC;
      }

      @Override
      public String attributeName(int a) {
        return "a" + a;
      }

      @Override
      public String label(int a, int v) {
        return Integer.toString(v);
      }

      @Override
      public String relationName() {
        return "nominal";
      }
    };
    SplitMix64 r = new SplitMix64(41);
    int n = 1200;
    int[][] ids = new int[n][];
    double[][] values = new double[n][];
    int[] labels = new int[n];
    for (int t = 0; t < n; t++) {
      // a sparse row: some attributes left out (a nominal one then takes its first label)
      int[] present = new int[5];
      double[] v = new double[5];
      int k = 0;
      for (int a = 0; a < 5; a++) {
        if (r.nextDouble() < 0.7) {
          present[k] = a;
          v[k++] = a < 3 ? r.nextInt(4) : r.nextDouble() - 0.5;
        }
      }
      ids[t] = Arrays.copyOf(present, k);
      values[t] = Arrays.copyOf(v, k);
      labels[t] = (k > 0 && v[0] > 1) ? 1 : r.nextInt(2);
    }
    OnlineClassifier model = new OnlineClassifier(fixed().build(), header);
    PartitionCopy[] kept = new PartitionCopy[2];
    for (int done = 0; done < n / 2; done += 100) {
      List<SessionDelta> deltas = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        PartitionCopy fresh = new PartitionCopy(model, p);
        int[] attributes = new int[0];
        for (int i = done; i < done + 100; i++) {
          int[] a = ids[2 * i + p];
          int m = attributes.length;
          attributes = Arrays.copyOf(attributes, m + a.length);
          System.arraycopy(a, 0, attributes, m, a.length);
        }
        if (kept[p] == null) {
          kept[p] = new PartitionCopy(model, p);
        } else {
          kept[p].prepare(model, p, attributes, attributes.length);
        }
        for (int i = done; i < done + 100; i++) {
          int t = 2 * i + p;
          InstanceView x = MixingFixtures.instance(ids[t], values[t], 5, labels[t]);
          assertArrayEquals(fresh.predict(x), kept[p].predict(x));
          fresh.train(x);
          kept[p].train(x);
        }
        byte[] bytes = fresh.delta(0).toBytes();
        assertArrayEquals(bytes, kept[p].delta(0).toBytes(), "round at " + done + ", partition " + p);
        deltas.add(SessionDelta.fromBytes(bytes));
      }
      model = ParameterMixing.merge(model, deltas).session();
    }
  }

  @Test
  void mergedModelsOnTheClickStreamAreAsPinned() {
    int n = 24000;
    MixingCurve.Click click = new MixingCurve.Click(n);
    double[][] values = new double[n][];
    int[] labels = new int[n];
    for (int t = 0; t < n; t++) {
      values[t] = new double[click.ids[t].length];
      Arrays.fill(values[t], 1.0);
      labels[t] = (int) click.labels[t];
    }
    MessageDigest digest = sha256();
    OnlineClassifier start = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).build(),
        MixingFixtures.header(click.features, 2));
    run(start, click.ids, values, labels, click.features, 4, 500, 0, ParameterMixing.Rule.EXTRAPOLATED, digest);
    assertEquals(CLICK, hex(digest.digest()));
    // short rounds: few features per round against the feature space (the copies keep their ids in another form)
    digest = sha256();
    run(start, click.ids, values, labels, click.features, 3, 60, 0, ParameterMixing.Rule.EXTRAPOLATED, digest);
    assertEquals(CLICK_SHORT_ROUNDS, hex(digest.digest()));
  }

  private static final String CLICK = "e3084ffd89f21ce10122ce03d9c3386ecf3dd8a3d566c6225befaeb000b582e7";
  private static final String CLICK_SHORT_ROUNDS = "454903a3eb6b6b6da25eaa5b7f64816be9869a3c01a121e145c80330296c4e27";

  /**
   * Trains {@code start} by parameter mixing (row {@code t} in partition {@code t % partitions}) with copies kept
   * and prepared from the second round on, merging in place, and digests every delta, update and the final model.
   */
  static void run(OnlineClassifier start, int[][] ids, double[][] values, int[] labels, int dimension,
      int partitions, int roundSize, int gridBits, ParameterMixing.Rule rule, MessageDigest digest) {
    run(start, ids, values, labels, dimension, partitions, roundSize, gridBits, rule, digest, false);
  }

  /**
   * {@link #run}, with the class as the header's first attribute (feature {@code j} is attribute {@code j + 1}) if
   * {@code classFirst}: the copies then map attributes to features through the header's layout.
   */
  static void run(OnlineClassifier start, int[][] ids, double[][] values, int[] labels, int dimension,
      int partitions, int roundSize, int gridBits, ParameterMixing.Rule rule, MessageDigest digest,
      boolean classFirst) {
    int shift = classFirst ? 1 : 0;
    int n = labels.length;
    int perPartition = n / partitions;
    OnlineClassifier model = start.copy();
    OnlineClassifier executor = start.copy();
    PartitionCopy[] kept = new PartitionCopy[partitions];
    for (int done = 0; done < perPartition; done += roundSize) {
      int end = Math.min(perPartition, done + roundSize);
      List<SessionDelta> deltas = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        if (kept[p] == null) {
          kept[p] = new PartitionCopy(executor, p);
        } else {
          int[] attributes = new int[0];
          int m = 0;
          for (int i = done; i < end; i++) {
            int[] f = ids[i * partitions + p];
            attributes = Arrays.copyOf(attributes, m + f.length);
            for (int a : f) {
              attributes[m++] = a + shift;
            }
          }
          kept[p].prepare(executor, p, attributes, m);
        }
        for (int i = done; i < end; i++) {
          int t = i * partitions + p;
          InstanceView x = MixingFixtures.instance(ids[t], values[t], dimension, labels[t], classFirst);
          kept[p].predict(x);
          kept[p].train(x);
        }
        byte[] bytes = kept[p].delta(gridBits).toBytes();
        digest.update(bytes);
        deltas.add(SessionDelta.fromBytes(bytes));
      }
      ParameterMixing.Merged copied = ParameterMixing.merge(model, deltas, rule);
      ParameterMixing.Merged merged = ParameterMixing.mergeInPlace(model, deltas, rule);
      assertSameState(copied.session(), merged.session());
      byte[] update = merged.update().toBytes();
      assertArrayEquals(copied.update().toBytes(), update);
      digest.update(update);
      model = merged.session();
      executor = SessionDelta.fromBytes(update).applyInPlace(executor);
    }
    assertSameState(model, executor);
    digestState(model, digest);
  }

  private static void digestState(OnlineClassifier s, MessageDigest digest) {
    CoordinateTable t = s.model().table();
    ByteBuffer b = ByteBuffer.allocate(16);
    for (int c = 0; c < t.size(); c++) {
      b.clear();
      b.putLong(t.codeField(c)).putLong(t.counterField(c));
      digest.update(b.array());
    }
    LogisticRegression m = s.model();
    b.clear();
    b.putLong(m.examplesSeen()).putLong(m.examplesSkipped());
    digest.update(b.array());
    b.clear();
    b.putLong(s.instancesWithoutClass()).putLong(m.random().state());
    digest.update(b.array());
    b.clear();
    b.putDouble(m.squaredGradients()).putDouble(m.gradients());
    digest.update(b.array());
    digest.update(encoderBytes(s.encoder()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte x : bytes) {
      sb.append(String.format("%02x", x & 0xFF));
    }
    return sb.toString();
  }

  private static String describe(Map<String, String> digests) {
    StringBuilder sb = new StringBuilder();
    digests.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }
}
