package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SparseClickStreamGeneratorTest {

    private static SparseClickStreamGenerator generator(String options) {
        SparseClickStreamGenerator generator = new SparseClickStreamGenerator();
        generator.getOptions().setViaCLIString(options);
        generator.prepareForUse();
        return generator;
    }

    /** An instance as text: sorted "index:value" entries and the class. */
    private static String text(Instance instance) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < instance.numValues(); p++) {
            sb.append(instance.index(p)).append(':').append(instance.valueSparse(p)).append(' ');
        }
        return sb.append("| ").append(instance.classValue()).toString();
    }

    /** The feature entries only, without the class entry. */
    private static String features(Instance instance) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < instance.numValues() - 1; p++) {
            sb.append(instance.index(p)).append(':').append(instance.valueSparse(p)).append(' ');
        }
        return sb.toString();
    }

    private static String[] take(SparseClickStreamGenerator generator, int count) {
        String[] result = new String[count];
        for (int i = 0; i < count; i++) {
            result[i] = text(generator.nextInstance().getData());
        }
        return result;
    }

    @Test
    void sameSeedSameStreamAlsoAfterRestartAndCopy() {
        SparseClickStreamGenerator a = generator("-r 5 -b 16");
        SparseClickStreamGenerator b = generator("-r 5 -b 16");
        String[] first = take(a, 2000);
        assertArrayEquals(first, take(b, 2000));
        a.restart();
        assertArrayEquals(first, take(a, 2000));
        SparseClickStreamGenerator copy = (SparseClickStreamGenerator) a.copy();
        assertArrayEquals(take(a, 500), take(copy, 500), "a copy continues identically");
    }

    @Test
    void differentSeedsDiffer() {
        String[] one = take(generator("-r 1 -b 16"), 200);
        String[] two = take(generator("-r 2 -b 16"), 200);
        int same = 0;
        for (int i = 0; i < one.length; i++) {
            if (one[i].equals(two[i])) {
                same++;
            }
        }
        assertTrue(same < 5, same + " identical instances");
    }

    @Test
    void instancesAreSparseBinaryAndHashedIntoRange() {
        int bits = 12;
        SparseClickStreamGenerator generator = generator("-b " + bits + " -f 20");
        InstancesHeader header = generator.getHeader();
        assertEquals((1 << bits) + 1, header.numAttributes());
        assertEquals(1 << bits, header.classIndex());
        assertEquals(2, header.numClasses());
        assertEquals(Arrays.asList("0", "1"), header.classAttribute().getAttributeValues());
        assertTrue(header.attribute(0).isNumeric());
        int collided = 0;
        for (int i = 0; i < 20_000; i++) {
            Instance instance = generator.nextInstance().getData();
            assertInstanceOf(SparseInstance.class, instance);
            assertEquals(header.numAttributes(), instance.numAttributes());
            int last = instance.numValues() - 1;
            assertEquals(1 << bits, instance.index(last), "class entry last");
            double weightSum = 0;
            int previous = -1;
            for (int p = 0; p < last; p++) {
                assertTrue(instance.index(p) > previous && instance.index(p) < (1 << bits));
                previous = instance.index(p);
                double v = instance.valueSparse(p);
                assertTrue(v == 1.0 || v == 2.0 || v == 3.0, "value " + v);
                weightSum += v;
            }
            assertEquals(20.0, weightSum, "each of the 20 fields contributes 1");
            if (last < 20) {
                collided++;
            }
            double y = instance.classValue();
            assertTrue(y == 0.0 || y == 1.0);
        }
        // expected collisions per instance ~ 20*19/2 / 4096 = 0.046
        assertTrue(collided > 500 && collided < 1500, collided + " instances with a collision");
    }

    @Test
    void clickRateIsInTheConfiguredBand() {
        for (String options : new String[] {"-r 1", "-r 2 -p 0.05", "-r 3 -p 0.25 -w 1.0", "-r 4 -p 0.15 -z 0.8"}) {
            SparseClickStreamGenerator generator = generator(options + " -b 16");
            double target = generator.clickRateOption.getValue();
            int n = 100_000;
            long clicks = 0;
            double probabilitySum = 0;
            for (int i = 0; i < n; i++) {
                clicks += (long) generator.nextInstance().getData().classValue();
                probabilitySum += generator.getLastClickProbability();
            }
            double rate = (double) clicks / n;
            // tuning on 16384 samples and 100000 Bernoulli draws: a few thousandths either way
            assertEquals(target, rate, 0.01, options);
            assertEquals(target, probabilitySum / n, 0.01, options);
        }
    }

    @Test
    void groundTruthIsInformative() {
        SparseClickStreamGenerator generator = generator("-b 16");
        int n = 100_000;
        double[] probability = new double[n];
        boolean[] click = new boolean[n];
        for (int i = 0; i < n; i++) {
            click[i] = generator.nextInstance().getData().classValue() == 1.0;
            probability[i] = generator.getLastClickProbability();
        }
        double auc = auc(probability, click);
        assertTrue(auc > 0.75 && auc < 0.85, "AUC of the true probabilities " + auc);
    }

    static double auc(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(score[x], score[y]));
        double rankSum = 0;
        long positives = 0;
        for (int r = 0; r < order.length; r++) {
            if (positive[order[r]]) {
                rankSum += r + 1;
                positives++;
            }
        }
        long negatives = score.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Test
    void cardinalitiesAreLogSpaced() {
        SparseClickStreamGenerator generator = generator("");
        int[] cardinalities = generator.getFieldCardinalities();
        assertEquals(20, cardinalities.length);
        assertEquals(10, cardinalities[0]);
        assertEquals(1_000_000, cardinalities[19]);
        for (int i = 1; i < 20; i++) {
            double ratio = (double) cardinalities[i] / cardinalities[i - 1];
            assertEquals(Math.pow(1e5, 1.0 / 19), ratio, 0.1);
        }
        assertTrue(generator.getDistinctFeatureCount() > 2_000_000);
        assertTrue(generator.getSamplerTableBytes() < 2_000_000, "alias tables only for small fields");
        assertArrayEquals(new int[] {7}, SparseClickStreamGenerator.cardinalities(1, 3, 7));
        assertArrayEquals(new int[] {5, 5, 5}, SparseClickStreamGenerator.cardinalities(3, 5, 5));
    }

    @Test
    void millionsOfDistinctFeatures() {
        // every field has 10^5 .. 10^6 values: over a million distinct hashed attributes in 1M instances
        SparseClickStreamGenerator generator = generator("-c 100000 -C 1000000 -b 22");
        BitSet seen = new BitSet(1 << 22);
        for (int i = 0; i < 1_000_000; i++) {
            Instance instance = generator.nextInstance().getData();
            for (int p = instance.numValues() - 2; p >= 0; p--) {
                seen.set(instance.index(p));
            }
        }
        assertTrue(seen.cardinality() >= 1_000_000, seen.cardinality() + " distinct attributes");
    }

    @Test
    void driftChangesTheGroundTruthButNotTheFeatures() {
        int interval = 2000;
        SparseClickStreamGenerator still = generator("-r 9 -b 16");
        SparseClickStreamGenerator drifting = generator("-r 9 -b 16 -d " + interval + " -D 0.5");
        SparseClickStreamGenerator fullDrift = generator("-r 9 -b 16 -d " + interval + " -D 1");
        int n = 3 * interval;
        double[][] logits = new double[3][n];
        for (int i = 0; i < n; i++) {
            String features = features(still.nextInstance().getData());
            assertEquals(features, features(drifting.nextInstance().getData()));
            assertEquals(features, features(fullDrift.nextInstance().getData()));
            logits[0][i] = logit(still.getLastClickProbability());
            logits[1][i] = logit(drifting.getLastClickProbability());
            logits[2][i] = logit(fullDrift.getLastClickProbability());
        }
        // before the first drift the three agree exactly
        assertArrayEquals(Arrays.copyOf(logits[0], interval), Arrays.copyOf(logits[1], interval));
        assertArrayEquals(Arrays.copyOf(logits[0], interval), Arrays.copyOf(logits[2], interval));
        // after it, half of the weights (-D 0.5) or all of them (-D 1) are new
        double half = correlation(logits[0], logits[1], interval, 2 * interval);
        double all = correlation(logits[0], logits[2], interval, 2 * interval);
        assertTrue(half > 0.2 && half < 0.8, "correlation after a half drift " + half);
        assertTrue(Math.abs(all) < 0.2, "correlation after a full drift " + all);
        // with K = 2 phases, every weight has changed after two drifts
        double twoDrifts = correlation(logits[0], logits[1], 2 * interval, 3 * interval);
        assertTrue(Math.abs(twoDrifts) < 0.2, "correlation after two half drifts " + twoDrifts);
        assertNotEquals(still.getBias(), drifting.getBias(), "the bias is re-tuned");

        SparseClickStreamGenerator again = generator("-r 9 -b 16 -d " + interval + " -D 0.5");
        for (int i = 0; i < n; i++) {
            again.nextInstance();
            assertEquals(logits[1][i], logit(again.getLastClickProbability()), "drift is deterministic");
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double correlation(double[] x, double[] y, int from, int to) {
        int n = to - from;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void headerMemoryIsSmallAtDefaultSize() {
        SparseClickStreamGenerator generator = generator("");
        InstancesHeader header = generator.getHeader();
        assertEquals((1 << 22) + 1, header.numAttributes());
        long bytes = SparseHeadersTest.deepSize(header);
        assertTrue(bytes < 2048, "header bytes " + bytes);
    }

    @Test
    void streamContract() {
        SparseClickStreamGenerator generator = generator("-b 8");
        assertTrue(generator.hasMoreInstances());
        assertTrue(generator.isRestartable());
        assertEquals(-1, generator.estimatedRemainingInstances());
        assertTrue(Double.isNaN(generator.getLastClickProbability()));
        take(generator, 10);
        assertEquals(10, generator.getInstancesGenerated());
        StringBuilder sb = new StringBuilder();
        generator.getDescription(sb, 0);
        assertTrue(sb.toString().contains("10 instances generated"), sb.toString());
        generator.restart();
        assertEquals(0, generator.getInstancesGenerated());
        assertFalse(generator.getPurposeString().isEmpty());
    }
}
