package moa.streams.lessram;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the two LIBSVM data sets of the learning-rate study ({@code docs/learning-rates.md}), binary labels
 * {@code +1}/{@code -1}, seeded (the same arguments give the same file):
 * <ul>
 *   <li>{@code numeric}: 40 dense numeric features whose scales range from 10^-3 to 10^6 (log-uniform per
 *       feature), drawn from normal, log-normal (heavy right tail), uniform and Poisson-count laws, some
 *       with a large offset; the label is drawn from a logistic model of the features' standardized
 *       values (12 of them relevant, two through a threshold), so the best error is far from zero;</li>
 *   <li>{@code text}: bag-of-words documents over a 50,000-word Zipf(1.05) vocabulary, a log-normal
 *       number of tokens (median 60), values the raw word counts (1, 2, ... : unscaled, as a learner
 *       sees them under the default scaling of a header above 1000 attributes); the label is drawn from
 *       a logistic model that gives 10% of the words below the 100 most frequent a weight (times the square
 *       root of the count), so it depends on rare and frequent words at once.</li>
 * </ul>
 *
 * <pre>
 * java -cp target/test-classes moa.streams.lessram.RateDataSets numeric numeric.svm.gz 200000 1
 * java -cp target/test-classes moa.streams.lessram.RateDataSets text text.svm.gz 200000 1
 * </pre>
 * A name ending in {@code .gz} writes gzip.
 */
public final class RateDataSets {
  /** Features of the numeric set. */
  static final int NUMERIC_FEATURES = 40;
  /** Vocabulary of the text set. */
  static final int WORDS = 50_000;

  private RateDataSets() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 4 || !(args[0].equals("numeric") || args[0].equals("text"))) {
      System.err.println("usage: RateDataSets numeric|text <file.svm[.gz]> <instances> <seed>");
      System.exit(2);
    }
    Path file = Paths.get(args[1]);
    int n = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    if (args[0].equals("numeric")) {
      writeNumeric(file, n, seed);
    } else {
      writeText(file, n, seed);
    }
  }

  private static Writer open(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    OutputStream out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The numeric set: see the class comment. */
  public static void writeNumeric(Path file, int instances, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int d = NUMERIC_FEATURES;
    double[] scale = new double[d];
    double[] offset = new double[d];
    int[] law = new int[d];
    double[] beta = new double[d];
    boolean[] threshold = new boolean[d];
    for (int j = 0; j < d; j++) {
      scale[j] = Math.pow(10, -3 + 9 * r.nextDouble());
      law[j] = r.nextInt(4);
      offset[j] = r.nextDouble() < 0.3 ? scale[j] * 50 * (r.nextDouble() - 0.5) : 0;
    }
    for (int k = 0; k < 12; k++) {
      int j = r.nextInt(d);
      beta[j] = 0.8 * gaussian(r);
      threshold[j] = k < 2;
    }
    // standardizing constants of each law (mean, deviation), so the label sees comparable terms
    double[] mean = {0, Math.exp(1.125), 0.5, 3};
    double[] sd = {1, Math.sqrt((Math.exp(2.25) - 1) * Math.exp(2.25)), Math.sqrt(1.0 / 12), Math.sqrt(3)};
    try (Writer w = open(file)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < instances; i++) {
        double logit = -0.3;
        line.setLength(0);
        for (int j = 0; j < d; j++) {
          double z;
          switch (law[j]) {
            case 0: z = gaussian(r); break;
            case 1: z = Math.exp(1.5 * gaussian(r)); break;
            case 2: z = r.nextDouble(); break;
            default: z = poisson(r, 3); break;
          }
          double u = (z - mean[law[j]]) / sd[law[j]];
          logit += beta[j] * (threshold[j] ? (u > 0.5 ? 1.5 : -0.5) : Math.max(-3, Math.min(3, u)));
          double x = offset[j] + scale[j] * z;
          if (x != 0) {
            line.append(' ').append(j + 1).append(':').append(String.format(Locale.ROOT, "%.6g", x));
          }
        }
        boolean positive = r.nextDouble() < 1 / (1 + Math.exp(-logit));
        w.write(positive ? "+1" : "-1");
        w.write(line.toString());
        w.write('\n');
      }
    }
  }

  /** The text set: see the class comment. */
  public static void writeText(Path file, int instances, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    double[] cumulative = new double[WORDS];
    double sum = 0;
    for (int i = 0; i < WORDS; i++) {
      sum += Math.pow(i + 1, -1.05);
      cumulative[i] = sum;
    }
    // word of each frequency rank (a seeded permutation) and the words' label weights
    int[] word = new int[WORDS];
    for (int i = 0; i < WORDS; i++) {
      word[i] = i;
    }
    for (int i = WORDS - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = word[i];
      word[i] = word[j];
      word[j] = t;
    }
    // the 100 most frequent words (stop words) carry no weight
    double[] beta = new double[WORDS];
    for (int rank = 100; rank < WORDS; rank++) {
      if (r.nextDouble() < 0.1) {
        beta[word[rank]] = gaussian(r);
      }
    }
    int[] count = new int[WORDS];
    int[] distinct = new int[WORDS];
    try (Writer w = open(file)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < instances; i++) {
        int tokens = (int) Math.max(1, Math.round(Math.exp(Math.log(60) + 0.7 * gaussian(r))));
        int n = 0;
        for (int t = 0; t < tokens; t++) {
          int rank = Arrays.binarySearch(cumulative, r.nextDouble() * sum);
          int id = word[rank >= 0 ? rank : -rank - 1];
          if (count[id]++ == 0) {
            distinct[n++] = id;
          }
        }
        Arrays.sort(distinct, 0, n);
        double logit = -0.5;
        line.setLength(0);
        for (int k = 0; k < n; k++) {
          int id = distinct[k];
          logit += beta[id] * Math.sqrt(count[id]);
          line.append(' ').append(id + 1).append(':').append(count[id]);
          count[id] = 0;
        }
        boolean positive = r.nextDouble() < 1 / (1 + Math.exp(-logit));
        w.write(positive ? "+1" : "-1");
        w.write(line.toString());
        w.write('\n');
      }
    }
  }

  private static int poisson(SplittableRandom r, double lambda) {
    double limit = Math.exp(-lambda);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }

  /** A standard normal draw (Box-Muller; one of the pair). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
