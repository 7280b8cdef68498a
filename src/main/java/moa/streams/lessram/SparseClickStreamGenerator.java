package moa.streams.lessram;

import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.util.Arrays;
import lessram.SplitMix64;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.core.InstanceExample;
import moa.core.ObjectRepository;
import moa.options.AbstractOptionHandler;
import moa.streams.InstanceStream;
import moa.tasks.TaskMonitor;

/**
 * A seeded generator of click-through-like data: the large-scale sparse workload of Golovin,
 * Sculley, McMahan and Young, "Large-Scale Learning with Less RAM via Randomization" (ICML 2013),
 * and McMahan et al., "Ad Click Prediction: a View from the Trenches" (KDD 2013), whose
 * click-through data is not public.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li><b>Fields.</b> {@code F} categorical fields (option {@code -f}); field {@code i} has
 *       cardinality {@code n_i}, spaced evenly on a log scale from {@code -c} to {@code -C}
 *       (defaults 10 to 10^6: 20 fields, 2.2 million distinct values in all).</li>
 *   <li><b>Values.</b> Each instance draws one value per field, rank {@code k} with probability
 *       proportional to {@code k^-z} (Zipf, exponent {@code -z}), so a few values are frequent
 *       and most are rare, as in real logs.</li>
 *   <li><b>Features.</b> Each (field, value) pair is one binary feature (value 1.0), hashed to
 *       one of {@code 2^b} numeric attributes ({@code -b}); the class is the last attribute.
 *       An instance has {@code F} non-zeros; when two of its features collide they become one
 *       attribute with value 2.0 (rare: about {@code F^2 / 2^(b+1)} per instance).</li>
 *   <li><b>Ground truth.</b> A sparse logistic model over the (field, value) pairs, not over the
 *       hashed attributes: a fraction {@code -q} of the pairs has a non-zero weight, drawn from
 *       an approximately normal distribution (Irwin–Hall sum of four uniforms) with standard
 *       deviation {@code -w}. Weights are not stored: each is recomputed from a hash of
 *       (seed, field, value, version). A bias is tuned (bisection on 16384 sample instances) so
 *       that the mean click probability is {@code -p}. The label is {@code 1} ("click") with
 *       probability {@code sigmoid(bias + sum of the instance's weights)}, else {@code 0}.</li>
 *   <li><b>Drift</b> (optional). Every {@code -d} instances a fraction {@code -D} of the pairs
 *       get new weights: each pair belongs to one of {@code K = round(1/D)} phases (by hash), and
 *       at each drift the pairs of one phase are re-drawn, so every weight changes once every
 *       {@code K} drifts. The bias is re-tuned at each drift, keeping the click rate at
 *       {@code -p}. The feature sequence does not depend on the drift options.</li>
 * </ul>
 * The same options and seed ({@code -r}) give the same instances, after {@link #restart()} too;
 * sampling uses {@link SplitMix64} and exact samplers ({@link ZipfSampler}: alias tables up to
 * 2^16 values, Hörmann–Derflinger rejection-inversion above).
 *
 * <p>Memory: no per-feature state. The alias tables take 12 bytes per value of the fields with
 * at most 2^16 values (about 1.3 MB with the defaults) and the header does not grow with
 * {@code 2^b} (see {@link SparseHeaders}).
 */
public class SparseClickStreamGenerator extends AbstractOptionHandler implements InstanceStream {

    private static final long serialVersionUID = 1L;

    /** Sample instances used to tune the bias to the requested click rate. */
    static final int BIAS_TUNING_SAMPLES = 16384;

    private static final long FIELD_SALT = 0x243F6A8885A308D3L;
    private static final long PHASE_SALT = 0xA4093822299F31D0L;
    private static final long WEIGHT_SALT = 0x082EFA98EC4E6C89L;
    private static final long TUNING_SALT = 0x452821E638D01377L;
    private static final double SQRT_3 = Math.sqrt(3.0);

    /** {@code -r}: the seed of the whole stream. */
    public IntOption instanceRandomSeedOption = new IntOption("instanceRandomSeed", 'r',
            "Seed of the stream: features, ground-truth weights and labels.", 1);

    /** {@code -f}: number of categorical fields, the non-zeros per instance. */
    public IntOption numFieldsOption = new IntOption("numFields", 'f',
            "Number of categorical fields F: each instance has F binary features.", 20, 1, 10_000);

    /** {@code -c}: number of values of the smallest field. */
    public IntOption minCardinalityOption = new IntOption("minCardinality", 'c',
            "Number of distinct values of the smallest field.", 10, 1, Integer.MAX_VALUE);

    /** {@code -C}: number of values of the largest field. */
    public IntOption maxCardinalityOption = new IntOption("maxCardinality", 'C',
            "Number of distinct values of the largest field; the fields in between are spaced on a"
                    + " log scale.",
            1_000_000, 1, Integer.MAX_VALUE);

    /** {@code -z}: Zipf exponent of the values in each field. */
    public FloatOption zipfExponentOption = new FloatOption("zipfExponent", 'z',
            "Zipf exponent of the value distribution in each field (0 = uniform; larger ="
                    + " more concentrated on the frequent values).",
            1.1, 0.0, 10.0);

    /** {@code -b}: features are hashed into {@code 2^b} attributes. */
    public IntOption hashBitsOption = new IntOption("hashBits", 'b',
            "Features are hashed into 2^b attributes.", 22, 1, 30);

    /** {@code -p}: target click rate, reached by tuning the bias. */
    public FloatOption clickRateOption = new FloatOption("clickRate", 'p',
            "Target mean click probability (fraction of class 1); the ground-truth bias is tuned"
                    + " to it.",
            0.15, 0.001, 0.999);

    /** {@code -q}: fraction of features with a non-zero true weight. */
    public FloatOption relevantFractionOption = new FloatOption("relevantFraction", 'q',
            "Fraction of the (field, value) pairs with a non-zero ground-truth weight.", 0.3, 0.0, 1.0);

    /** {@code -w}: standard deviation of the non-zero true weights. */
    public FloatOption weightStdDevOption = new FloatOption("weightStdDev", 'w',
            "Standard deviation of the non-zero ground-truth weights.", 0.5, 0.0, 100.0);

    /** {@code -d}: instances between drifts; 0 = no drift. */
    public IntOption driftIntervalOption = new IntOption("driftInterval", 'd',
            "Instances between two drifts of the ground truth (0 = no drift).", 0, 0, Integer.MAX_VALUE);

    /** {@code -D}: fraction of the weights re-drawn at each drift. */
    public FloatOption driftFractionOption = new FloatOption("driftFraction", 'D',
            "Fraction of the weights re-drawn at each drift (rounded to 1/K for an integer K).",
            0.2, 0.0001, 1.0);

    // Configuration, fixed by prepareForUse.
    private int numFields;
    private int hashBits;
    private int[] cardinalities;
    private ZipfSampler[] samplers;
    private long[] fieldKeys;
    private long seedHash;
    private double relevantFraction;
    private double weightStdDev;
    private long driftInterval;
    private int driftPhases;
    private double clickRate;
    private double initialBias;
    private InstancesHeader header;

    // Generation state.
    private SplitMix64 random;
    private long generated;
    private long epoch;
    private double bias;
    private double lastClickProbability = Double.NaN;
    private transient int[] slots;

    @Override
    public String getPurposeString() {
        return "Generates sparse click-through-like data: Zipf-distributed categorical fields,"
                + " hashed binary features, a sparse logistic ground truth, optional drift.";
    }

    @Override
    public ImmutableCapabilities defineImmutableCapabilities() {
        return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
    }

    @Override
    protected void prepareForUseImpl(TaskMonitor monitor, ObjectRepository repository) {
        numFields = numFieldsOption.getValue();
        hashBits = hashBitsOption.getValue();
        int minCardinality = minCardinalityOption.getValue();
        int maxCardinality = maxCardinalityOption.getValue();
        if (minCardinality > maxCardinality) {
            throw new IllegalArgumentException("SparseClickStreamGenerator: minimum cardinality (-c) "
                    + minCardinality + " exceeds the maximum (-C) " + maxCardinality);
        }
        cardinalities = cardinalities(numFields, minCardinality, maxCardinality);
        double exponent = zipfExponentOption.getValue();
        seedHash = Hashing.mix64(instanceRandomSeedOption.getValue() ^ FIELD_SALT);
        samplers = new ZipfSampler[numFields];
        fieldKeys = new long[numFields];
        for (int i = 0; i < numFields; i++) {
            samplers[i] = ZipfSampler.create(cardinalities[i], exponent);
            fieldKeys[i] = Hashing.combine(seedHash, i);
        }
        relevantFraction = relevantFractionOption.getValue();
        weightStdDev = weightStdDevOption.getValue();
        driftInterval = driftIntervalOption.getValue();
        driftPhases = (int) Math.max(1, Math.round(1.0 / driftFractionOption.getValue()));
        clickRate = clickRateOption.getValue();
        header = SparseHeaders.create("SparseClickStream", 1 << hashBits, "click",
                Arrays.asList("0", "1"));
        random = SplitMix64.fromState(seedHash);
        initialBias = tuneBias(0);
        restart();
    }

    /** Field cardinalities from {@code min} to {@code max}, evenly spaced on a log scale. */
    static int[] cardinalities(int fields, int min, int max) {
        int[] result = new int[fields];
        if (fields == 1) {
            result[0] = max;
            return result;
        }
        double ratio = Math.log((double) max / min);
        for (int i = 0; i < fields; i++) {
            result[i] = (int) Math.max(min, Math.min(max, Math.round(min * Math.exp(ratio * i / (fields - 1)))));
        }
        return result;
    }

    @Override
    public InstancesHeader getHeader() {
        return header;
    }

    @Override
    public long estimatedRemainingInstances() {
        return -1;
    }

    @Override
    public boolean hasMoreInstances() {
        return true;
    }

    @Override
    public boolean isRestartable() {
        return true;
    }

    @Override
    public void restart() {
        if (header == null) {
            prepareForUse();
            return;
        }
        random.setState(seedHash);
        generated = 0;
        epoch = 0;
        bias = initialBias;
        lastClickProbability = Double.NaN;
    }

    @Override
    public InstanceExample nextInstance() {
        if (header == null) {
            prepareForUse();
        }
        if (driftInterval > 0) {
            long e = generated / driftInterval;
            if (e != epoch) {
                epoch = e;
                bias = tuneBias(e);
            }
        }
        if (slots == null || slots.length != numFields) {
            slots = new int[numFields];
        }
        int shift = 64 - hashBits;
        double score = bias;
        for (int i = 0; i < numFields; i++) {
            long key = Hashing.combine(fieldKeys[i], samplers[i].sample(random));
            score += weight(key, epoch);
            slots[i] = (int) (key >>> shift); // key is a mixed hash: its top bits are uniform
        }
        double probability = 1.0 / (1.0 + Math.exp(-score));
        int label = random.nextDouble() < probability ? 1 : 0;
        lastClickProbability = probability;
        generated++;
        return new InstanceExample(buildInstance(label));
    }

    private SparseInstance buildInstance(int label) {
        int[] s = slots;
        int n = numFields;
        for (int i = 1; i < n; i++) { // insertion sort: F is small
            int v = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > v) {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = v;
        }
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (s[i] != s[i - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[distinct + 1];
        double[] values = new double[distinct + 1];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && indices[m - 1] == s[i]) {
                values[m - 1] += 1.0;
            } else {
                indices[m] = s[i];
                values[m] = 1.0;
                m++;
            }
        }
        int numFeatures = 1 << hashBits;
        indices[m] = numFeatures;
        values[m] = label;
        SparseInstance instance = new SparseInstance(1.0, values, indices, numFeatures + 1);
        instance.setDataset(header);
        return instance;
    }

    /** Ground-truth weight of the feature with hash {@code key} during drift epoch {@code e}. */
    private double weight(long key, long e) {
        long version = 0;
        if (driftInterval > 0) {
            long phase = Long.remainderUnsigned(Hashing.mix64(key ^ PHASE_SALT), driftPhases);
            version = (e + phase) / driftPhases;
        }
        long h = Hashing.combine(key, version);
        if (Hashing.unitDouble(h) >= relevantFraction) {
            return 0.0;
        }
        long g = Hashing.mix64(h ^ WEIGHT_SALT);
        double sum = (g & 0xFFFF) + ((g >>> 16) & 0xFFFF) + ((g >>> 32) & 0xFFFF) + (g >>> 48) + 2.0;
        // sum / 65536 is a sum of four uniforms on (0, 1): mean 2, variance 1/3
        return weightStdDev * SQRT_3 * (sum * 0x1.0p-16 - 2.0);
    }

    /**
     * The bias that makes the mean click probability equal to the target over
     * {@link #BIAS_TUNING_SAMPLES} instances drawn with a generator of their own (seeded by the
     * stream's seed and {@code e}), under the weights of epoch {@code e}.
     */
    private double tuneBias(long e) {
        SplitMix64 tuningRandom = SplitMix64.fromState(Hashing.combine(seedHash ^ TUNING_SALT, e));
        double[] scores = new double[BIAS_TUNING_SAMPLES];
        for (int j = 0; j < scores.length; j++) {
            double score = 0;
            for (int i = 0; i < numFields; i++) {
                score += weight(Hashing.combine(fieldKeys[i], samplers[i].sample(tuningRandom)), e);
            }
            scores[j] = score;
        }
        double low = -50;
        double high = 50;
        for (int iteration = 0; iteration < 60; iteration++) {
            double middle = 0.5 * (low + high);
            double sum = 0;
            for (double score : scores) {
                sum += 1.0 / (1.0 + Math.exp(-(score + middle)));
            }
            if (sum / scores.length < clickRate) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /**
     * The true click probability of the last generated instance (NaN before the first).
     *
     * @return the true click probability of the last generated instance (NaN before the first)
     */
    public double getLastClickProbability() {
        return lastClickProbability;
    }

    /** @return the ground-truth bias currently in force */
    public double getBias() {
        return bias;
    }

    /** @return instances generated since the last (re)start */
    public long getInstancesGenerated() {
        return generated;
    }

    /** @return number of distinct values of each field */
    public int[] getFieldCardinalities() {
        return cardinalities.clone();
    }

    /** @return number of distinct (field, value) features, the sum of the cardinalities */
    public long getDistinctFeatureCount() {
        long total = 0;
        for (int c : cardinalities) {
            total += c;
        }
        return total;
    }

    /** @return bytes held by the Zipf alias tables (the generator's only sizeable state) */
    public long getSamplerTableBytes() {
        long total = 0;
        for (ZipfSampler sampler : samplers) {
            total += sampler.tableBytes();
        }
        return total;
    }

    @Override
    public void getDescription(StringBuilder sb, int indent) {
        if (header == null) {
            sb.append("sparse click stream generator (not prepared)");
            return;
        }
        sb.append("sparse click stream: ").append(numFields).append(" fields with ")
                .append(cardinalities[0]).append("..").append(cardinalities[numFields - 1])
                .append(" values (").append(getDistinctFeatureCount()).append(" features), hashed into 2^")
                .append(hashBits).append(" attributes, click rate ").append(clickRate)
                .append(driftInterval > 0 ? ", drift every " + driftInterval + " instances" : "")
                .append(", ").append(generated).append(" instances generated");
    }
}
