package lessram;

import lessram.compressed.CoefficientSource;
import lessram.compressed.FeatureSpaceDescriptor;
import lessram.compressed.CompressedModel;
import lessram.compressed.CompressedModelBuilder;
import lessram.compressed.PositionLayout;

/**
 * Compresses a trained {@link LogisticRegression} (binary or multinomial; direct, hashed or sparse-map
 * feature space) into a predict-only {@link CompressedPredictor}: every coefficient is randomized-rounded
 * (seeded, unbiased) to {@code q2.m} and stored in the compressed package's compact code (Golovin et al.,
 * ICML 2013, section 5), and the learner's {@link InstanceEncoder} and header identity go into the
 * file's metadata so the compressed model computes exactly the learner's features.
 *
 * <pre>{@code
 * CompressedPredictor p = Compressor.of(model, encoder)
 *     .classLabels("no", "yes").fractionBits(7).seed(1).compress();
 * }</pre>
 *
 * <p>A sparse-map model is stored as a direct space over the encoder's ids (the compressed code stores only
 * the slots with a non-zero coefficient, so the untouched ids cost only their share of the position
 * code). Neither the model nor the encoder is changed; the model must not learn while it is being compressed.
 */
public final class Compressor {
  /** Default {@code m} of {@code q2.m}: q2.7, the paper's 1.5-bit point. */
  public static final int DEFAULT_FRACTION_BITS = 7;

  private final LogisticRegression model;
  private final InstanceEncoder encoder;
  private int fractionBits = DEFAULT_FRACTION_BITS;
  private long seed = 1;
  private PositionLayout layout = PositionLayout.RANKED;
  private String producer = "lessram.LogisticRegression";
  private String relationName = "";
  private String classAttributeName = "class";
  private String[] classLabels;

  private Compressor(LogisticRegression model, InstanceEncoder encoder) {
    if (model == null || encoder == null) {
      throw new IllegalArgumentException("a trained model and its encoder are required");
    }
    this.model = model;
    this.encoder = encoder;
  }

  /** Starts compressing {@code model}, whose features come from {@code encoder}. */
  public static Compressor of(LogisticRegression model, InstanceEncoder encoder) {
    return new Compressor(model, encoder);
  }

  /** The {@code m} of {@code q2.m} (1..13, default 7). */
  public Compressor fractionBits(int m) {
    if (m < 1 || m > 13) {
      throw new IllegalArgumentException("fraction bits must be 1..13, got " + m);
    }
    this.fractionBits = m;
    return this;
  }

  /** Seed of the randomized rounding (default 1): the same seed gives the same file. */
  public Compressor seed(long s) {
    this.seed = s;
    return this;
  }

  /** Size/speed trade-off of the compressed code (default {@link PositionLayout#RANKED}, the compressed package's default). */
  public Compressor layout(PositionLayout l) {
    if (l == null) {
      throw new IllegalArgumentException("layout is required");
    }
    this.layout = l;
    return this;
  }

  /** What the model comes from (for example the learner's command line), kept for reports. */
  public Compressor producer(String p) {
    this.producer = p == null ? "" : p;
    return this;
  }

  /** Relation name of the training header (informational). */
  public Compressor relationName(String r) {
    this.relationName = r == null ? "" : r;
    return this;
  }

  /** Name of the class attribute. */
  public Compressor classAttributeName(String n) {
    this.classAttributeName = n == null ? "" : n;
    return this;
  }

  /** The class labels in order (default {@code "0".."K-1"}); their number must be the model's classes. */
  public Compressor classLabels(String... labels) {
    this.classLabels = labels == null ? null : labels.clone();
    return this;
  }

  /**
   * Rounds, codes and wraps the model.
   *
   * @throws IllegalArgumentException if the encoder does not fit the model, the labels do not match its
   *     classes, or the feature mapping is too large for the file's metadata section
   */
  public CompressedPredictor compress() {
    int k = model.numOutputs();
    int d = model.numSlots() - 1;
    int classes = model.numClasses();
    String[] labels = classLabels;
    if (labels == null) {
      labels = new String[classes];
      for (int i = 0; i < classes; i++) {
        labels[i] = Integer.toString(i);
      }
    }
    if (labels.length != classes) {
      throw new IllegalArgumentException(labels.length + " class labels for a model of " + classes + " classes");
    }
    for (String l : labels) {
      if (l == null) {
        throw new IllegalArgumentException("class labels must not be null");
      }
    }
    int ci = encoder.classIndex();
    if (ci < 0 || encoder.arity(ci) != classes) {
      throw new IllegalArgumentException("the encoder's class attribute does not have the model's " + classes
          + " labels");
    }
    FeatureSpace space = model.config().featureSpace();
    FeatureSpaceDescriptor descriptor;
    if (space.kind() == FeatureSpace.Kind.HASHED) {
      descriptor = FeatureSpaceDescriptor.hashed(space.hashBits());
    } else {
      if (encoder.dimension() != d) {
        throw new IllegalArgumentException("the encoder gives " + encoder.dimension()
            + " features but the model has " + d + " slots");
      }
      descriptor = FeatureSpaceDescriptor.direct();
    }
    byte[] meta = CompressedPredictor.metadata(encoder, producer, relationName, classAttributeName, labels);
    if (meta.length > FeatureSpaceDescriptor.MAX_METADATA_BYTES) {
      throw new IllegalArgumentException("the feature mapping takes " + meta.length + " bytes, more than the "
          + FeatureSpaceDescriptor.MAX_METADATA_BYTES + " a compressed file holds (per-attribute scaling "
          + "statistics of a very wide header: train with scaling 'none' or fewer attributes)");
    }
    LogisticRegression m = model;
    CoefficientSource source = new CoefficientSource() {
      @Override
      public int numOutputs() {
        return k;
      }

      @Override
      public int numSlots() {
        return d;
      }

      @Override
      public double coefficient(int coordinate) {
        return k == 1 ? m.coefficient(coordinate, 0) : m.coefficient(coordinate / k, coordinate % k);
      }
    };
    CompressedModelBuilder b = CompressedModel.builder(source)
        .fractionBits(fractionBits)
        .seed(seed)
        .positionLayout(layout)
        .featureSpace(descriptor.withMetadata(meta));
    CompressedModel compressed = b.build();
    return new CompressedPredictor(compressed, encoder.copy(), producer, relationName, classAttributeName, labels);
  }
}
