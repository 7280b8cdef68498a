package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lessram.InstanceEncoder;
import lessram.ScalingMode;
import moa.options.ClassOption;
import moa.streams.InstanceStream;

/**
 * Float64 simulation of learning-rate designs on streams encoded once by the learners' encoder, side by
 * side in one JVM ({@code docs/learning-rates.md}): each design is a spec string ({@code fixed:a=0.1,norm=rnorm},
 * {@code select:guard=1,s=global}, ...); prints progressive accuracy and log loss at checkpoints.
 * {@code threads stream instances checkpoints(comma-separated) spec...}.
 */
public final class RateStudy {
  private RateStudy() {
  }

  /** Encoded examples: features of example e are [start[e], start[e+1]). */
  static final class Data {
    int n;
    int dim;
    int classes;
    int[] start;
    int[] ids;
    double[] values;
    int[] label;
  }

  static Data encode(String streamCli, int n) throws Exception {
    InstanceStream stream = (InstanceStream) ClassOption.cliStringToObject(streamCli, InstanceStream.class, null);
    ((moa.options.OptionHandler) stream).prepareForUse();
    MoaHeaderView header = new MoaHeaderView(stream.getHeader());
    InstanceEncoder enc = new InstanceEncoder(header.arities(), header.classIndex(), ScalingMode.AUTO);
    Data d = new Data();
    d.dim = enc.dimension();
    d.classes = header.arity(header.classIndex());
    d.start = new int[n + 1];
    d.label = new int[n];
    int cap = 1 << 20;
    d.ids = new int[cap];
    d.values = new double[cap];
    int[] idx = new int[16];
    double[] val = new double[16];
    int pos = 0;
    int e = 0;
    for (; e < n && stream.hasMoreInstances(); e++) {
      Instance x = stream.nextInstance().getData();
      int m = x.numValues();
      if (idx.length < m) {
        idx = new int[2 * m];
        val = new double[2 * m];
      }
      for (int p = 0; p < m; p++) {
        idx[p] = x.index(p);
        val[p] = x.valueSparse(p);
      }
      int f = enc.encode(idx, val, m, false);
      if (pos + f > d.ids.length) {
        d.ids = java.util.Arrays.copyOf(d.ids, 2 * (pos + f));
        d.values = java.util.Arrays.copyOf(d.values, 2 * (pos + f));
      }
      int[] eid = enc.ids();
      double[] ev = enc.values();
      for (int j = 0; j < f; j++) {
        if (ev[j] != 0) {
          d.ids[pos] = eid[j];
          d.values[pos] = ev[j];
          pos++;
        }
      }
      enc.commitTraining(idx, val, m);
      d.label[e] = (int) x.classValue();
      d.start[e + 1] = pos;
    }
    d.n = e;
    return d;
  }

  /** A learner over encoded examples. */
  abstract static class Learner {
    /** Probabilities of example e into p. */
    abstract void predict(Data d, int e, double[] p);

    /** Learns example e whose probabilities are p. */
    abstract void learn(Data d, int e, double[] p);
  }

  /** Float64 online gradient descent with per-coordinate or global rates, plus design variants. */
  static final class Ogd extends Learner {
    final int outputs;
    final int slots;
    final int hashBits;
    final boolean perCoordinate;
    double alpha;
    final double guard;
    final String norm;
    final double[] w;
    final int[] count;
    final double[] extra;
    final double[] extra2;
    final double[] extra3;
    long t;
    double sumNorm;
    double sumG2;
    long updates;
    /** rnorm: 1 / RMS of the coordinate gradients of the examples so far, this one included (both schedules). */
    double factor = 1;
    /** Pseudo-count of a fresh coordinate in alpha / sqrt(count + prior) (1: the paper's rate). */
    double prior = 1;
    double sumR;
    long updR;
    /** Global schedule: the rate of a coordinate still at 0 (never moved) multiplied by this. */
    double freshBoost = 1;
    /** Global schedule: the rate multiplied by 1 + this times the share of features seen at 0 so far. */
    double noveltyBoost;
    /** Features seen at 0 (never moved) when learned, and all features learned. */
    long fresh;
    long seen;
    final double[] g;

    Ogd(Data d, boolean perCoordinate, double alpha, int hashBits, double guard, String norm) {
      this.outputs = d.classes == 2 ? 1 : d.classes;
      this.hashBits = hashBits > 0 && (1 << hashBits) < d.dim + 1 ? hashBits : 0;
      this.slots = this.hashBits > 0 ? (1 << this.hashBits) + 1 : d.dim + 1;
      this.perCoordinate = perCoordinate;
      this.alpha = alpha;
      this.guard = guard;
      this.norm = norm;
      this.w = new double[slots * outputs];
      this.count = new int[slots * outputs];
      boolean ex = norm.equals("adagrad") || norm.equals("cocob") || norm.equals("wnorm");
      this.extra = ex ? new double[slots * outputs] : null;
      this.extra2 = norm.equals("cocob") ? new double[slots * outputs] : null;
      this.extra3 = norm.equals("cocob") ? new double[slots * outputs] : null;
      this.g = new double[outputs];
    }

    int slot(int id) {
      return hashBits > 0 ? (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - hashBits)) : id;
    }

    int bias() {
      return slots - 1;
    }

    @Override
    void predict(Data d, int e, double[] p) {
      double[] z = new double[outputs];
      for (int k = 0; k < outputs; k++) {
        z[k] = w[bias() * outputs + k];
      }
      for (int q = d.start[e]; q < d.start[e + 1]; q++) {
        int b = slot(d.ids[q]) * outputs;
        double v = d.values[q];
        for (int k = 0; k < outputs; k++) {
          z[k] += w[b + k] * v;
        }
      }
      if (outputs == 1) {
        double p1 = 1 / (1 + Math.exp(-z[0]));
        p[0] = 1 - p1;
        p[1] = p1;
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
          max = Math.max(max, v);
        }
        double s = 0;
        for (int k = 0; k < outputs; k++) {
          p[k] = Math.exp(z[k] - max);
          s += p[k];
        }
        for (int k = 0; k < outputs; k++) {
          p[k] /= s;
        }
      }
    }

    double rate(int c) {
      if (extra != null && norm.equals("adagrad")) {
        return alpha / Math.sqrt(1 + extra[c]);
      }
      double r = perCoordinate ? alpha / Math.sqrt(count[c] + prior) : alpha / Math.sqrt(t);
      if (norm.equals("anorm")) {
        r *= Math.sqrt(t / sumNorm);
      }
      if (norm.equals("gnorm")) {
        r = perCoordinate ? r / Math.sqrt((1 + sumG2) / (1 + updates)) : alpha / Math.sqrt(1 + sumG2);
      }
      if (norm.equals("rnorm")) {
        r *= factor;
      }
      if (!perCoordinate && w[c] == 0) {
        r *= freshBoost;
      }
      if (!perCoordinate && noveltyBoost > 0 && seen > 0) {
        r *= 1 + noveltyBoost * fresh / seen;
      }
      if (norm.equals("qnorm")) {
        r *= factor * factor;
      }
      if (norm.equals("wnorm")) {
        r = alpha * factor / Math.sqrt(extra[c] + 1);
      }
      return r;
    }

    @Override
    void learn(Data d, int e, double[] p) {
      t++;
      int y = d.label[e];
      if (outputs == 1) {
        g[0] = p[1] - y;
      } else {
        for (int k = 0; k < outputs; k++) {
          g[k] = p[k] - (k == y ? 1 : 0);
        }
      }
      if (norm.equals("rnorm") || norm.equals("wnorm") || norm.equals("qnorm")) {
        double s = 1;
        for (int q = d.start[e]; q < d.start[e + 1]; q++) {
          s += d.values[q] * d.values[q];
        }
        for (int k = 0; k < outputs; k++) {
          if (g[k] != 0) {
            sumR += g[k] * g[k] * s;
            updR += d.start[e + 1] - d.start[e] + 1;
          }
        }
        factor = updR == 0 ? 1 : Math.sqrt(updR / sumR);
      }
      for (int q = d.start[e]; q < d.start[e + 1]; q++) {
        fresh += w[slot(d.ids[q]) * outputs] == 0 ? 1 : 0;
        seen++;
      }
      if (norm.equals("anorm")) {
        double s = 1;
        for (int q = d.start[e]; q < d.start[e + 1]; q++) {
          s += d.values[q] * d.values[q];
        }
        sumNorm += s;
      }
      if (norm.equals("cocob")) {
        for (int q = d.start[e]; q <= d.start[e + 1]; q++) {
          boolean isBias = q == d.start[e + 1];
          int b = (isBias ? bias() : slot(d.ids[q])) * outputs;
          double v = isBias ? 1 : d.values[q];
          for (int k = 0; k < outputs; k++) {
            cocob(b + k, g[k] * v);
          }
        }
        return;
      }
      double[] scale = new double[outputs];
      java.util.Arrays.fill(scale, 1);
      if (guard > 0) {
        for (int k = 0; k < outputs; k++) {
          double h = rate(bias() * outputs + k);
          for (int q = d.start[e]; q < d.start[e + 1]; q++) {
            double v = d.values[q];
            h += rate(slot(d.ids[q]) * outputs + k) * v * v;
          }
          scale[k] = 1 / (1 + guard * h);
        }
      }
      for (int q = d.start[e]; q <= d.start[e + 1]; q++) {
        boolean isBias = q == d.start[e + 1];
        int b = (isBias ? bias() : slot(d.ids[q])) * outputs;
        double v = isBias ? 1 : d.values[q];
        for (int k = 0; k < outputs; k++) {
          double grad = g[k] * v;
          if (grad == 0) {
            continue;
          }
          int c = b + k;
          double nw = w[c] - rate(c) * scale[k] * grad;
          w[c] = Math.max(-4, Math.min(4, nw));
          count[c]++;
          if (extra != null) {
            extra[c] += norm.equals("wnorm") ? grad * grad * factor * factor : grad * grad;
          }
          if (perCoordinate) {
            sumG2 += grad * grad;
            updates++;
          }
        }
      }
      if (!perCoordinate) {
        double e2 = 1;
        for (int q = d.start[e]; q < d.start[e + 1]; q++) {
          e2 += d.values[q] * d.values[q];
        }
        for (int k = 0; k < outputs; k++) {
          sumG2 += g[k] * g[k] * e2;
        }
      }
    }

    /** COCOB-Backprop per coordinate (Orabona and Tommasi 2017): extra = L, extra2 = G, extra3 = reward;
     *  theta kept in count-free form: w * ... we store theta in a map via the weight relation. */
    private final Map<Integer, double[]> theta = new HashMap<>();

    void cocob(int c, double grad) {
      double[] th = theta.computeIfAbsent(c, x -> new double[1]);
      extra[c] = Math.max(extra[c], Math.abs(grad));
      extra2[c] += Math.abs(grad);
      extra3[c] = Math.max(extra3[c] - grad * w[c], 0);
      th[0] -= grad;
      double l = extra[c];
      if (l == 0) {
        return;
      }
      double a = 100;
      w[c] = th[0] / (l * Math.max(extra2[c] + l, a * l)) * (l + extra3[c]);
    }
  }

  /** The main learner follows the best of K shadow learners run on a sample of the examples. */
  static final class Select extends Learner {
    final Ogd main;
    final Ogd[] shadows;
    final double[] alphas;
    final double[] loss;
    final double c0;
    final double pmin;
    final boolean interpolate;
    final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    long t;
    long shadowExamples;
    final double[] q;
    final double discount;
    double start;
    double prior;
    double temperature;
    double maxMove;
    boolean recency;

    Select(Data d, boolean perCoordinate, double[] alphas, double start, int hashBits, double c0, double pmin,
        boolean interpolate, double guard, double discount) {
      this.main = new Ogd(d, perCoordinate, start, 0, guard, "none");
      this.alphas = alphas;
      this.shadows = new Ogd[alphas.length];
      for (int k = 0; k < alphas.length; k++) {
        shadows[k] = new Ogd(d, perCoordinate, alphas[k], hashBits, guard, "none");
      }
      this.loss = new double[alphas.length];
      this.c0 = c0;
      this.pmin = pmin;
      this.interpolate = interpolate;
      this.q = new double[d.classes];
      this.discount = discount;
      this.start = start;
    }

    @Override
    void predict(Data d, int e, double[] p) {
      main.predict(d, e, p);
    }

    @Override
    void learn(Data d, int e, double[] p) {
      main.learn(d, e, p);
      t++;
      double prob = Math.max(pmin, Math.min(1, c0 / t));
      if (random.nextDouble() >= prob) {
        return;
      }
      shadowExamples++;
      int y = d.label[e];
      for (int k = 0; k < shadows.length; k++) {
        shadows[k].predict(d, e, q);
        double lk = -Math.log(Math.max(q[y], 1e-15));
        loss[k] = loss[k] * discount + (recency ? shadowExamples * lk : lk);
        shadows[k].learn(d, e, q);
      }
      // scores: loss plus a prior penalty around the starting alpha; posterior mean of ln(alpha) at temperature
      double[] score = new double[loss.length];
      double min = Double.POSITIVE_INFINITY;
      for (int k = 0; k < loss.length; k++) {
        double dl = Math.log(alphas[k] / start);
        score[k] = loss[k] * (recency ? 1.0 / shadowExamples : 1) + prior * dl * dl / 2;
        min = Math.min(min, score[k]);
      }
      int best = 0;
      for (int k = 1; k < loss.length; k++) {
        if (score[k] < score[best]) {
          best = k;
        }
      }
      double a = alphas[best];
      if (temperature > 0) {
        double wsum = 0;
        double lsum = 0;
        for (int k = 0; k < loss.length; k++) {
          double wk = Math.exp(-(score[k] - min) / temperature);
          wsum += wk;
          lsum += wk * Math.log(alphas[k]);
        }
        a = Math.exp(lsum / wsum);
      } else if (interpolate && best > 0 && best < loss.length - 1) {
        double lm = score[best - 1];
        double l0 = score[best];
        double lp = score[best + 1];
        double curv = lm - 2 * l0 + lp;
        if (curv > 0) {
          double off = 0.5 * (lm - lp) / curv;
          off = Math.max(-0.5, Math.min(0.5, off));
          a = Math.exp(Math.log(alphas[best]) + off * Math.log(alphas[best + 1] / alphas[best]));
        }
      }
      if (maxMove > 0) {
        double cur = Math.log(main.alpha);
        double next = Math.max(cur - maxMove, Math.min(cur + maxMove, Math.log(a)));
        a = Math.exp(next);
      }
      main.alpha = a;
      if (Long.bitCount(shadowExamples) == 1 && trace.length() < 400) {
        trace.append(String.format(Locale.ROOT, " %d:%.3g", shadowExamples, a));
      }
    }
    final StringBuilder trace = new StringBuilder();
  }

  static double parse(Map<String, String> m, String k, double def) {
    return m.containsKey(k) ? Double.parseDouble(m.get(k)) : def;
  }

  static Learner make(Data d, String spec) {
    String[] parts = spec.split(":");
    Map<String, String> m = new HashMap<>();
    if (parts.length > 1) {
      for (String kv : parts[1].split(",")) {
        String[] x = kv.split("=");
        m.put(x[0], x[1]);
      }
    }
    boolean pc = !m.getOrDefault("s", "pc").equals("global");
    double guard = parse(m, "guard", 0);
    switch (parts[0]) {
      case "fixed": {
        Ogd o = new Ogd(d, pc, parse(m, "a", 0.2), (int) parse(m, "h", 0), guard, m.getOrDefault("norm", "none"));
        o.prior = parse(m, "n0", 1);
        o.freshBoost = parse(m, "fb", 1);
        o.noveltyBoost = parse(m, "nb", 0);
        return o;
      }
      case "select": {
        double lo = parse(m, "lo", 0.01);
        double f = parse(m, "f", 2);
        int k = (int) parse(m, "K", 10);
        double[] alphas = new double[k];
        for (int i = 0; i < k; i++) {
          alphas[i] = lo * Math.pow(f, i);
        }
        Select sel = new Select(d, pc, alphas, parse(m, "start", pc ? 0.2 : 0.5), (int) parse(m, "h", 14),
            parse(m, "c", 1000), parse(m, "pmin", 0.01), parse(m, "interp", 1) > 0, guard, parse(m, "disc", 1));
        sel.prior = parse(m, "prior", 0);
        sel.temperature = parse(m, "T", 0);
        sel.maxMove = parse(m, "move", 0);
        sel.recency = parse(m, "rec", 0) > 0;
        return sel;
      }
      default:
        throw new IllegalArgumentException(spec);
    }
  }

  static String run(Data d, String spec, int[] checkpoints) {
    Learner l = make(d, spec);
    double[] p = new double[d.classes];
    double ll = 0;
    long correct = 0;
    StringBuilder out = new StringBuilder(spec);
    int c = 0;
    for (int e = 0; e < d.n; e++) {
      l.predict(d, e, p);
      int y = d.label[e];
      int arg = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[arg]) {
          arg = k;
        }
      }
      correct += arg == y ? 1 : 0;
      ll -= Math.log(Math.min(Math.max(p[y], 1e-15), 1 - 1e-15));
      l.learn(d, e, p);
      if (c < checkpoints.length && e + 1 == checkpoints[c]) {
        out.append(String.format(Locale.ROOT, "\t%d:%.2f/%.5f", e + 1, 100.0 * correct / (e + 1), ll / (e + 1)));
        c++;
      }
    }
    if (l instanceof Ogd) {
      Ogd o = (Ogd) l;
      out.append(String.format(Locale.ROOT, "\tfresh=%.4f factor=%.4g nnz=%.2f", (double) o.fresh / o.seen, o.factor,
          (double) o.seen / d.n));
    }
    if (l instanceof Select) {
      Select s = (Select) l;
      out.append(String.format(Locale.ROOT, "\talpha=%.4g shadowEx=%d%s", s.main.alpha, s.shadowExamples, s.trace));
    }
    return out.toString();
  }

  /** args: threads, stream, n, checkpoints, specs... */
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    String stream = args[1];
    int n = Integer.parseInt(args[2]);
    String[] cps = args[3].split(",");
    int[] checkpoints = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      checkpoints[i] = Integer.parseInt(cps[i]);
    }
    Data d = encode(stream, n);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      String spec = args[i];
      results.add(pool.submit(() -> stream + "\t" + run(d, spec, checkpoints)));
    }
    for (Future<String> f : results) {
      System.out.println(f.get());
    }
    pool.shutdown();
  }
}
