package lessram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names the coefficient slots of a model for people: the feature of a direct or sparse slot is an attribute
 * ({@code name}) or a nominal attribute's label ({@code name=label}), in the {@link InstanceEncoder}'s
 * layout (attributes in order, the class and ignored attributes skipped); a hashed slot is named by its
 * number and up to {@value #NAMES_PER_SLOT} of the features hashed into it. One pass over the attributes
 * names any number of slots.
 */
final class FeatureNames {
  /** Features named per hashed slot. */
  static final int NAMES_PER_SLOT = 3;
  /** Hashed spaces over more features than this name slots by number only (the search is O(features)). */
  static final int MAX_SEARCHED_FEATURES = 1 << 24;

  private final HeaderView header;
  private final InstanceEncoder encoder;
  private final FeatureSpace space;

  /** Names from {@code header} (null: attributes and labels by number). */
  FeatureNames(HeaderView header, InstanceEncoder encoder, FeatureSpace space) {
    this.header = header;
    this.encoder = encoder;
    this.space = space;
  }

  /** True if slots are hashed. */
  boolean hashed() {
    return space.kind() == FeatureSpace.Kind.HASHED;
  }

  /** The names of {@code slots}, in their order. */
  String[] of(int[] slots) {
    if (!hashed()) {
      return featureNames(slots);
    }
    String[] result = new String[slots.length];
    int dimension = encoder.dimension();
    List<List<Integer>> members = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      members.add(new ArrayList<>());
    }
    if (dimension <= MAX_SEARCHED_FEATURES) {
      for (int id = 0; id < dimension; id++) {
        int slot = space.slot(id);
        for (int i = 0; i < slots.length; i++) {
          if (slots[i] == slot && members.get(i).size() < NAMES_PER_SLOT) {
            members.get(i).add(id);
          }
        }
      }
    }
    List<Integer> all = new ArrayList<>();
    members.forEach(all::addAll);
    int[] ids = all.stream().mapToInt(Integer::intValue).toArray();
    String[] names = featureNames(ids);
    for (int i = 0, k = 0; i < slots.length; i++) {
      StringBuilder b = new StringBuilder("slot ").append(slots[i]);
      String sep = ": ";
      for (int j = 0; j < members.get(i).size(); j++, k++) {
        b.append(sep).append(names[k]);
        sep = ", ";
      }
      result[i] = b.toString();
    }
    return result;
  }

  /** The names of feature ids, in one pass over the attributes. */
  private String[] featureNames(int[] ids) {
    String[] result = new String[ids.length];
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(ids[x], ids[y]));
    int next = 0;
    long first = 0;
    int classIndex = encoder.classIndex();
    for (int a = 0, n = encoder.numAttributes(); a < n && next < order.length; a++) {
      int arity = a == classIndex ? InstanceEncoder.IGNORED : encoder.arity(a);
      int width = arity == InstanceEncoder.NUMERIC ? 1 : Math.max(arity, 0);
      while (next < order.length && ids[order[next]] < first + width) {
        int id = ids[order[next]];
        String name = header == null ? "attribute " + a : header.attributeName(a);
        int v = (int) (id - first);
        result[order[next]] = arity == InstanceEncoder.NUMERIC ? name
            : name + "=" + (header == null ? "label " + v : header.label(a, v));
        next++;
      }
      first += width;
    }
    for (int i = 0; i < result.length; i++) {
      if (result[i] == null) {
        result[i] = "feature " + ids[i];
      }
    }
    return result;
  }
}
