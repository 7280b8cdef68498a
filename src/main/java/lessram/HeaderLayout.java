package lessram;

import java.io.Serializable;

/**
 * Where each attribute of a header goes among the feature ids of an {@link InstanceEncoder}: its arity
 * ({@link InstanceEncoder#NUMERIC}, {@link InstanceEncoder#IGNORED} or the number of nominal labels), the
 * class attribute (no feature), and the first feature id of each attribute. A numeric attribute is one
 * feature, a nominal one with {@code V} labels {@code V} one-hot features; ids are {@code 0..dimension-1}
 * in attribute order. Immutable (shared by copies of an encoder).
 *
 * <p>A header whose attributes other than the class are all numeric keeps no per-attribute array: the
 * feature id of attribute {@code a} is {@code a}, less one past the class. So a wide header of hashed
 * numeric attributes costs nothing per attribute, and a persisted layout allocates per attribute only
 * for the arity table it actually holds.
 */
final class HeaderLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a layout object itself (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 48;

  /** Per-attribute arity; null when every attribute but the class is numeric. */
  private final int[] arity;
  /** First feature id of each attribute (null with {@link #arity}). */
  private final int[] offsets;
  private final int numAttributes;
  private final int classIndex;
  private final int classArity;
  /** The class attribute when it is one of the header's, else {@link Integer#MAX_VALUE}. */
  private final int skippedAttribute;
  private final int dimension;
  private final int numericAttributes;
  /** See {@link #isPlain()}. */
  private final boolean plain;

  private HeaderLayout(int[] arity, int numAttributes, int classIndex, int classArity) {
    this.numAttributes = numAttributes;
    this.classIndex = classIndex;
    this.classArity = classArity;
    boolean hasClass = classIndex >= 0 && classIndex < numAttributes;
    this.skippedAttribute = hasClass ? classIndex : Integer.MAX_VALUE;
    long dim = 0;
    int numeric = 0;
    if (arity == null) {
      numeric = numAttributes - (hasClass ? 1 : 0);
      dim = numeric;
    } else {
      for (int a = 0; a < arity.length; a++) {
        if (arity[a] < InstanceEncoder.IGNORED) {
          throw new IllegalArgumentException("attribute " + a + " has arity " + arity[a]);
        }
        if (a != classIndex && arity[a] >= 0) {
          numeric += arity[a] == InstanceEncoder.NUMERIC ? 1 : 0;
          dim += Math.max(arity[a], 1);
        }
      }
    }
    if (dim > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException("too many features: " + dim);
    }
    this.dimension = (int) dim;
    this.numericAttributes = numeric;
    if (arity == null || numeric == numAttributes - (hasClass ? 1 : 0)) {
      this.arity = null;
      this.offsets = null;
    } else {
      this.arity = arity.clone();
      this.offsets = new int[arity.length];
      int next = 0;
      for (int a = 0; a < arity.length; a++) {
        offsets[a] = next;
        if (a != classIndex && arity[a] >= 0) {
          next += Math.max(arity[a], 1);
        }
      }
    }
    this.plain = this.arity == null && (!hasClass || classIndex == numAttributes - 1);
  }

  /**
   * The layout of a header.
   *
   * @param arity per attribute: {@link InstanceEncoder#NUMERIC}, {@link InstanceEncoder#IGNORED}, or the
   *     number of nominal labels (&gt; 0); not kept
   * @param classIndex index of the class attribute (no feature); any other value means no class
   * @throws IllegalArgumentException for an arity below {@link InstanceEncoder#IGNORED} or too many features
   */
  static HeaderLayout of(int[] arity, int classIndex) {
    int classArity = classIndex >= 0 && classIndex < arity.length ? arity[classIndex] : InstanceEncoder.IGNORED;
    return new HeaderLayout(arity, arity.length, classIndex, classArity);
  }

  /**
   * The layout of {@code numAttributes} attributes, all numeric but the class (arity {@code classArity}),
   * without a per-attribute array.
   */
  static HeaderLayout allNumeric(int numAttributes, int classIndex, int classArity) {
    return new HeaderLayout(null, numAttributes, classIndex, classArity);
  }

  /** Number of attributes of the header. */
  int numAttributes() {
    return numAttributes;
  }

  /** Index of the class attribute, as given (-1 if none). */
  int classIndex() {
    return classIndex;
  }

  /** Arity of the class attribute ({@link InstanceEncoder#IGNORED} without one). */
  int classArity() {
    return classArity;
  }

  /** Number of feature ids. */
  int dimension() {
    return dimension;
  }

  /** Number of numeric attributes other than the class (what {@link ScalingMode#AUTO} decides by). */
  int numericAttributes() {
    return numericAttributes;
  }

  /** True when an arity table is kept (some attribute other than the class is not numeric). */
  boolean hasArityTable() {
    return arity != null;
  }

  /**
   * The per-attribute arity array for fast loops (null when every attribute but the class is numeric);
   * not to be modified.
   */
  int[] arityTable() {
    return arity;
  }

  /** The per-attribute first feature ids for fast loops (null with {@link #arityTable()}); not to be modified. */
  int[] offsetTable() {
    return offsets;
  }

  /**
   * The class attribute when it is one of the header's, else {@link Integer#MAX_VALUE}: without an
   * offset table, the feature id of numeric attribute {@code a} is {@code a > skipped ? a - 1 : a}.
   */
  int skippedAttribute() {
    return skippedAttribute;
  }

  /**
   * True when feature {@code a} is attribute {@code a}: every attribute but the class numeric, and the
   * class last or absent. The encoder's dense path and the row path need such a header.
   */
  boolean isPlain() {
    return plain;
  }

  /** The arity of attribute {@code a} (in range). */
  int kind(int a) {
    return arity != null ? arity[a] : a == classIndex ? classArity : InstanceEncoder.NUMERIC;
  }

  /** The feature id of numeric attribute {@code a}, or the first one-hot id of nominal attribute {@code a}. */
  int firstId(int a) {
    return offsets != null ? offsets[a] : a > skippedAttribute ? a - 1 : a;
  }

  /**
   * A short description of how a header differs from this one, for error messages; null if they match.
   *
   * @param labelsMayGrow true to accept nominal attributes (the class among them) with more labels than
   *     here: a header extended at the end of a label list, as MOA's {@code ArffFileStream} extends its
   *     header when it meets a label the file did not declare
   */
  String difference(int[] otherArity, int otherClassIndex, boolean labelsMayGrow) {
    if (otherClassIndex != classIndex) {
      return "class index changed from " + classIndex + " to " + otherClassIndex;
    }
    if (otherArity.length != numAttributes) {
      return "number of attributes changed from " + numAttributes + " to " + otherArity.length;
    }
    for (int a = 0; a < numAttributes; a++) {
      int kind = kind(a);
      if (kind != otherArity[a] && !(labelsMayGrow && kind > 0 && otherArity[a] > kind)) {
        return "attribute " + a + " changed from " + describe(kind) + " to " + describe(otherArity[a]);
      }
    }
    return null;
  }

  private static String describe(int arity) {
    return arity == InstanceEncoder.NUMERIC ? "numeric"
        : arity == InstanceEncoder.IGNORED ? "an ignored type" : "nominal with " + arity + " labels";
  }

  /** Heap bytes of this layout (object and arrays). */
  long sizeInBytes() {
    return OBJECT_BYTES + (arity == null ? 0 : 2 * RecordStore.arrayBytes(arity.length, 4));
  }
}
