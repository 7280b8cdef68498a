package moa.tasks.lessram;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds the feature attributes of a wide stream into {@code 2^bits} numeric attributes (feature index
 * modulo {@code 2^bits}, values of features that land together summed), so MOA's own learners, whose cost
 * per instance grows with the number of attributes, can serve as reference points on a stream with
 * millions of attributes. The class becomes the last attribute. Only the stored values of a sparse
 * instance are visited; nominal values are folded as their label index, missing values are dropped.
 */
final class AttributeFolder {

  private final int sourceClassIndex;
  private final int slots;
  private final InstancesHeader header;
  private long[] keys = new long[16];
  private double[] values = new double[16];

  /**
   * @param source the stream's header
   * @param bits fold into {@code 2^bits} feature attributes
   */
  AttributeFolder(InstancesHeader source, int bits) {
    if (bits < 1 || bits > 24) {
      throw new IllegalArgumentException("folding bits must be 1..24, got " + bits);
    }
    this.sourceClassIndex = source.classIndex();
    this.slots = 1 << bits;
    List<Attribute> attributes = new ArrayList<>(slots + 1);
    for (int i = 0; i < slots; i++) {
      attributes.add(new Attribute("fold" + i));
    }
    Attribute cls = source.classAttribute();
    if (cls.isNominal()) {
      List<String> labels = new ArrayList<>();
      for (int k = 0; k < cls.numValues(); k++) {
        labels.add(cls.value(k));
      }
      attributes.add(new Attribute(cls.name(), labels));
    } else {
      attributes.add(new Attribute(cls.name()));
    }
    Instances data = new Instances(source.getRelationName() + "-folded-" + bits, attributes, 0);
    data.setClassIndex(slots);
    this.header = new InstancesHeader(data);
  }

  /** True if a stream with this header has more feature attributes than {@code 2^bits}. */
  static boolean needed(InstancesHeader source, int bits) {
    return bits > 0 && source.numAttributes() - 1 > (1 << bits);
  }

  /** The folded header: {@code 2^bits} numeric attributes and the class. */
  InstancesHeader header() {
    return header;
  }

  /** The folded copy of an instance of the source stream. */
  Instance fold(Instance x) {
    int n = x.numValues();
    if (keys.length < n) {
      keys = new long[2 * n];
      values = new double[2 * n];
    }
    int k = 0;
    for (int p = 0; p < n; p++) {
      int index = x.index(p);
      if (index == sourceClassIndex) {
        continue;
      }
      double v = x.valueSparse(p);
      if (v != v || v == 0) {
        continue;
      }
      // (slot, position) in one long, so one primitive sort orders the values by slot.
      keys[k] = ((long) (index & (slots - 1)) << 32) | p;
      values[p] = v;
      k++;
    }
    Arrays.sort(keys, 0, k);
    int[] outIndices = new int[k + 1];
    double[] outValues = new double[k + 1];
    int m = 0;
    for (int j = 0; j < k; j++) {
      int slot = (int) (keys[j] >>> 32);
      double v = values[(int) keys[j]];
      if (m > 0 && outIndices[m - 1] == slot) {
        outValues[m - 1] += v;
      } else {
        outIndices[m] = slot;
        outValues[m] = v;
        m++;
      }
    }
    outIndices[m] = slots;
    outValues[m] = x.classIsMissing() ? Double.NaN : x.classValue();
    m++;
    SparseInstance folded = new SparseInstance(x.weight(), Arrays.copyOf(outValues, m),
        Arrays.copyOf(outIndices, m), slots + 1);
    folded.setDataset(header);
    return folded;
  }
}
