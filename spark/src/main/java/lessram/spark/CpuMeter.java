package lessram.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of this JVM over an interval, split by who spent it: Spark's task threads (in local mode the
 * executors' work: training, preparing the copies, stating and encoding their changes, Spark's task wrapper),
 * the driver's thread (the thread that called {@link #start}: scheduling the jobs, decoding, merging,
 * broadcasting), Spark's other threads (scheduler event loops, block manager, RPC) and the rest, which no Java
 * thread accounts for: garbage collection, the JIT compilers and the VM's own threads. In cluster mode the
 * executors are other JVMs; then only the driver's figures describe the fit.
 */
final class CpuMeter {
  /** The process's and each live thread's CPU time, ns. */
  private final long process;
  private final Map<Long, Long> threads;
  private final long driver;
  private final long gcMillis;

  private CpuMeter(long process, Map<Long, Long> threads, long driver) {
    this.process = process;
    this.threads = threads;
    this.driver = driver;
    this.gcMillis = gcMillis();
  }

  /** The CPU times now, the calling thread as the driver. */
  static CpuMeter start() {
    return new CpuMeter(Fitting.processCpuNanos(), threadTimes(), Thread.currentThread().getId());
  }

  /** Time the garbage collectors report (their pauses and cycles, wall ms), -1 if unknown. */
  private static long gcMillis() {
    long sum = 0;
    for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      long t = b.getCollectionTime();
      if (t < 0) {
        return -1;
      }
      sum += t;
    }
    return sum;
  }

  /**
   * The garbage collectors' own report since {@link #start}: the elapsed time of their collections, ms (NaN if
   * unknown; with several collector threads their CPU time is more, and concurrent work is not in it).
   */
  double gcPauses() {
    long gc = gcMillis();
    return gc < 0 || gcMillis < 0 ? Double.NaN : gc - gcMillis;
  }

  private static Map<Long, Long> threadTimes() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Map<Long, Long> times = new HashMap<>();
    if (!bean.isThreadCpuTimeSupported()) {
      return times;
    }
    for (long id : bean.getAllThreadIds()) {
      long t = bean.getThreadCpuTime(id);
      if (t >= 0) {
        times.put(id, t);
      }
    }
    return times;
  }

  /**
   * Spark's other threads' CPU since {@link #start} by thread name (numbers taken out: one entry per pool), ms,
   * largest first; filled by {@link #stop}.
   */
  final java.util.LinkedHashMap<String, Double> otherThreads = new java.util.LinkedHashMap<>();

  /**
   * The CPU spent since {@link #start}, ms: {@code [process, task threads, driver thread, other Spark threads,
   * not in Java threads]}; NaN where the JVM does not say. Threads that ended in between are counted in the
   * last share.
   */
  double[] stop() {
    long processEnd = Fitting.processCpuNanos();
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Map<Long, Long> now = threadTimes();
    if (process < 0 || processEnd < 0 || now.isEmpty()) {
      return new double[] {process < 0 || processEnd < 0 ? Double.NaN : (processEnd - process) / 1e6, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN};
    }
    long tasks = 0;
    long main = 0;
    long other = 0;
    Map<String, Long> pools = new HashMap<>();
    for (Map.Entry<Long, Long> e : now.entrySet()) {
      long spent = e.getValue() - threads.getOrDefault(e.getKey(), 0L);
      if (e.getKey() == driver) {
        main += spent;
        continue;
      }
      ThreadInfo info = bean.getThreadInfo(e.getKey());
      String name = info == null ? "" : info.getThreadName();
      if (name.startsWith("Executor task launch worker")) {
        tasks += spent;
      } else {
        other += spent;
        pools.merge(name.replaceAll("[0-9]+", "#"), spent, Long::sum);
      }
    }
    pools.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> otherThreads.put(e.getKey(), e.getValue() / 1e6));
    long total = processEnd - process;
    return new double[] {total / 1e6, tasks / 1e6, main / 1e6, other / 1e6, (total - tasks - main - other) / 1e6};
  }
}
