package moa.tasks.lessram;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@link MemoryAccuracyTradeoff} measured: one {@link Row} per configuration, plus the run's
 * context. {@link #toString()} renders the table printed by MOA's {@code DoTask}; {@link #writeCsv} writes
 * the CSV.
 */
public final class TradeoffResult implements Serializable {
  private static final long serialVersionUID = 1L;

  /** CSV column names, in order. */
  public static final String[] CSV_COLUMNS = {
      "configuration", "family", "fraction_bits", "learner", "instances", "payload_bits_per_coordinate",
      "coordinates", "model_bytes", "sizeof_bytes", "bytes_per_coordinate", "bits_per_coordinate",
      "log_loss", "auc", "auc_loss", "auc_error_bound", "accuracy", "cpu_seconds", "control_instances",
      "relative_log_loss_pct", "relative_auc_loss_pct", "stored_coordinates"};

  private final String streamDescription;
  private final String controlName;
  private final long instances;
  private final double wallSeconds;
  private final boolean sizeOfAgent;
  private final String referenceNote;
  private final List<Row> rows;

  TradeoffResult(String streamDescription, String controlName, long instances, double wallSeconds,
      boolean sizeOfAgent, String referenceNote, List<Row> rows) {
    this.streamDescription = streamDescription;
    this.controlName = controlName;
    this.instances = instances;
    this.wallSeconds = wallSeconds;
    this.sizeOfAgent = sizeOfAgent;
    this.referenceNote = referenceNote;
    this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  /** The stream's MOA command line. */
  public String streamDescription() {
    return streamDescription;
  }

  /** Name of the configuration the relative metrics compare against. */
  public String controlName() {
    return controlName;
  }

  /** Instances read from the stream. */
  public long instances() {
    return instances;
  }

  /** Wall-clock seconds of the evaluation loop. */
  public double wallSeconds() {
    return wallSeconds;
  }

  /** Whether MOA's SizeOf agent was loaded (needed for MOA's learners' bytes and the cross-check). */
  public boolean sizeOfAgentLoaded() {
    return sizeOfAgent;
  }

  /** How the reference learners were run (budget, folding), empty if none ran. */
  public String referenceNote() {
    return referenceNote;
  }

  /** One row per configuration, in grid order. */
  public List<Row> rows() {
    return rows;
  }

  /** The row of that configuration, or null. */
  public Row row(String configuration) {
    for (Row r : rows) {
      if (r.configuration.equals(configuration)) {
        return r;
      }
    }
    return null;
  }

  /** Writes the header line and one line per row. */
  public void writeCsv(Writer out) throws IOException {
    out.write(String.join(",", CSV_COLUMNS));
    out.write('\n');
    for (Row r : rows) {
      out.write(r.csvLine());
      out.write('\n');
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("Memory versus accuracy on ").append(streamDescription).append(": ")
        .append(String.format(Locale.ROOT, "%,d instances in %.1f s wall clock", instances, wallSeconds))
        .append('\n');
    sb.append("Relative figures compare with ").append(controlName)
        .append(" over the same instances; bytes are model bytes / coordinates")
        .append(sizeOfAgent ? "" : " (SizeOf agent not loaded: MOA learners' bytes unknown)").append('\n');
    if (!referenceNote.isEmpty()) {
      sb.append(referenceNote).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%-36s %10s %8s %8s %9s %9s %8s %8s %9s %9s%n", "configuration",
        "instances", "bits/crd", "B/crd", "log loss", "AUC", "accuracy", "cpu s", "dLogLoss%", "dAucLoss%"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%-36s %10d %8.2f %8.3f %9.5f %9.5f %8.5f %8.2f %+9.2f %+9.2f%n",
          r.configuration, r.instances, r.bitsPerCoordinate(), r.bytesPerCoordinate, r.logLoss, r.auc,
          r.accuracy, r.cpuSeconds, r.relativeLogLossPct, r.relativeAucLossPct));
    }
    return sb.toString();
  }

  /** The measurements of one configuration. */
  public static final class Row implements Serializable {
    private static final long serialVersionUID = 1L;

    final String configuration;
    final TradeoffConfiguration.Family family;
    final int fractionBits;
    final String learnerCli;
    final long instances;
    final double payloadBitsPerCoordinate;
    final long coordinates;
    final long modelBytes;
    final long sizeOfBytes;
    final double bytesPerCoordinate;
    final double logLoss;
    final double auc;
    final double aucErrorBound;
    final double accuracy;
    final double cpuSeconds;
    final long controlInstances;
    final double relativeLogLossPct;
    final double relativeAucLossPct;
    final long storedCoordinates;

    Row(String configuration, TradeoffConfiguration.Family family, int fractionBits, String learnerCli,
        long instances, double payloadBitsPerCoordinate, long coordinates, long modelBytes, long sizeOfBytes,
        double bytesPerCoordinate, PrequentialMetrics metrics, double cpuSeconds, PrequentialMetrics control,
        long storedCoordinates) {
      this.configuration = configuration;
      this.family = family;
      this.fractionBits = fractionBits;
      this.learnerCli = learnerCli;
      this.instances = instances;
      this.payloadBitsPerCoordinate = payloadBitsPerCoordinate;
      this.coordinates = coordinates;
      this.modelBytes = modelBytes;
      this.sizeOfBytes = sizeOfBytes;
      this.bytesPerCoordinate = bytesPerCoordinate;
      this.logLoss = metrics.logLoss();
      this.auc = metrics.auc();
      this.aucErrorBound = metrics.aucErrorBound();
      this.accuracy = metrics.accuracy();
      this.cpuSeconds = cpuSeconds;
      this.controlInstances = control.examples();
      this.relativeLogLossPct = 100 * (logLoss - control.logLoss()) / control.logLoss();
      this.relativeAucLossPct = 100 * (aucLoss() - control.aucLoss()) / control.aucLoss();
      this.storedCoordinates = storedCoordinates;
    }

    public String configuration() {
      return configuration;
    }

    public TradeoffConfiguration.Family family() {
      return family;
    }

    /** The {@code m} of {@code q2.m}, -1 if not fixed point. */
    public int fractionBits() {
      return fractionBits;
    }

    public String learnerCli() {
      return learnerCli;
    }

    /** Instances this configuration was tested and trained on. */
    public long instances() {
      return instances;
    }

    /** Nominal payload bits per coordinate (coefficient + counter fields), NaN if not reported. */
    public double payloadBitsPerCoordinate() {
      return payloadBitsPerCoordinate;
    }

    /**
     * Coordinates the bytes are divided by: all coordinates the model addresses (features or hashed slots,
     * plus the bias, times the outputs), stored or not, so that a sparse map's bytes are spread over the
     * same coordinates as a dense table's; for MOA's learners attributes + 1.
     */
    public long coordinates() {
      return coordinates;
    }

    /** Coordinates that occupy memory (a sparse map's entries; all of a dense table), -1 for MOA's learners. */
    public long storedCoordinates() {
      return storedCoordinates;
    }

    /** Model bytes (this project's accounting; for MOA's learners the SizeOf agent), -1 if unknown. */
    public long modelBytes() {
      return modelBytes;
    }

    /** Whole learner object graph measured by MOA's SizeOf agent, -1 without the agent. */
    public long sizeOfBytes() {
      return sizeOfBytes;
    }

    /** Measured bytes per coordinate, NaN if unknown. */
    public double bytesPerCoordinate() {
      return bytesPerCoordinate;
    }

    /** Measured bits per coordinate, NaN if unknown. */
    public double bitsPerCoordinate() {
      return 8 * bytesPerCoordinate;
    }

    public double logLoss() {
      return logLoss;
    }

    public double auc() {
      return auc;
    }

    public double aucLoss() {
      return 1 - auc;
    }

    public double aucErrorBound() {
      return aucErrorBound;
    }

    public double accuracy() {
      return accuracy;
    }

    /** CPU seconds spent in this configuration's predict and train calls. */
    public double cpuSeconds() {
      return cpuSeconds;
    }

    /** Instances the control had seen when compared with this row (equal to {@link #instances()}). */
    public long controlInstances() {
      return controlInstances;
    }

    /** {@code 100 * (logLoss - control) / control}. */
    public double relativeLogLossPct() {
      return relativeLogLossPct;
    }

    /** {@code 100 * (aucLoss - control) / control}. */
    public double relativeAucLossPct() {
      return relativeAucLossPct;
    }

    String csvLine() {
      return String.join(",", configuration, family.label(), Integer.toString(fractionBits),
          quote(learnerCli), Long.toString(instances), num(payloadBitsPerCoordinate),
          Long.toString(coordinates), Long.toString(modelBytes), Long.toString(sizeOfBytes),
          num(bytesPerCoordinate), num(bitsPerCoordinate()), num(logLoss), num(auc), num(aucLoss()),
          num(aucErrorBound), num(accuracy), num(cpuSeconds), Long.toString(controlInstances),
          num(relativeLogLossPct), num(relativeAucLossPct), Long.toString(storedCoordinates));
    }

    private static String num(double v) {
      return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
  }
}
