package moa.tasks.lessram;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtilities;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.ui.RectangleEdge;
import org.jfree.ui.TextAnchor;
import org.jfree.util.ShapeUtilities;

/**
 * Draws the memory-versus-accuracy plots of a {@link TradeoffResult} with JFreeChart: measured bits per
 * coordinate (x) against the change in log loss or AucLoss relative to the control, in percent (y); one
 * line per rounding mode ({@code q2.m} points labelled with their {@code m}), one per family beyond the
 * paper's grid (fewer counter bits labelled with the counter's bits; adaptive precision labelled with the
 * budget of bits per coordinate, per counter and for the global rate), one per feature-inclusion policy of
 * the sparse map (points labelled with p or n) and a marker for the sparse map without it, each float32
 * control and each MOA reference its own marker. Points beyond the axis range chosen for the frontier are drawn on
 * the plot's edge with their true value in the label, so one collapsed configuration (typically nearest
 * rounding at {@code q2.3}) does not squash the rest.
 */
final class TradeoffPlotter {

  static final int WIDTH = 1100;
  static final int HEIGHT = 700;

  /** The zoom panel shows at least [-ZOOM_MIN, ZOOM_MIN] percent. */
  private static final double ZOOM_MIN = 0.5;

  private final TradeoffResult result;
  private final String dataName;

  TradeoffPlotter(TradeoffResult result, String dataName) {
    this.result = result;
    this.dataName = dataName;
  }

  void writeLogLossPlot(File file) throws IOException {
    ChartUtilities.saveChartAsPNG(file, chart(false), WIDTH, HEIGHT);
  }

  void writeAucLossPlot(File file) throws IOException {
    ChartUtilities.saveChartAsPNG(file, chart(true), WIDTH, HEIGHT);
  }

  /** A labelled point of one series. */
  private static final class Point {
    final double x;
    final double y;
    final String label;
    /** Where the label goes (12 = above, 6 = below, 3 = right, 9 = left, as on a clock). */
    int labelClock = 12;
    boolean pinnedRight;
    /** Sets the zoom panel's range (per-coordinate controls and the finer randomized formats). */
    boolean zoom;

    Point(double x, double y, String label) {
      this.x = x;
      this.y = y;
      this.label = label;
    }
  }

  /** One series: name, style, points. */
  private static final class Series {
    final String name;
    final Color color;
    final Shape shape;
    final boolean lines;
    /** MOA's references: outside the x range of the frontier. */
    boolean reference;
    final List<Point> points = new ArrayList<>();

    Series(String name, Color color, Shape shape, boolean lines) {
      this.name = name;
      this.color = color;
      this.shape = shape;
      this.lines = lines;
    }
  }

  JFreeChart chart(boolean auc) {
    String metric = auc ? "AucLoss" : "log loss";
    List<Series> series = buildSeries(auc);

    // The x range covers this project's configurations; MOA's references beyond it are pinned to the edge.
    double xMax = 0;
    double yMin = 0;
    double yMax = 0;
    double zoom = ZOOM_MIN;
    for (Series s : series) {
      for (Point p : s.points) {
        yMin = Math.min(yMin, p.y);
        yMax = Math.max(yMax, p.y);
        if (!s.reference) {
          xMax = Math.max(xMax, p.x);
        }
        if (p.zoom) {
          zoom = Math.max(zoom, Math.abs(p.y));
        }
      }
    }
    double xUpper = Math.max(8, Math.ceil(xMax * 1.15 / 8) * 8);
    double span = Math.max(yMax - yMin, 2 * ZOOM_MIN);
    zoom *= 1.6;

    NumberAxis x = new NumberAxis("measured bits per coordinate (8 x model bytes / coordinates)");
    x.setRange(0, xUpper);
    // 8 bits a tick, fewer ticks when a sparse map's figure widens the range
    x.setTickUnit(new NumberTickUnit(xUpper <= 160 ? 8 : xUpper <= 640 ? 32 : 128));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
    plot.setGap(14);
    plot.add(subplot(series, xUpper, yMin - 0.06 * span, yMax + 0.12 * span,
        metric + " change (%), full range", true), 3);
    plot.add(subplot(series, xUpper, -zoom, zoom, "zoom near 0 (%)", false), 2);

    String title = "Memory vs " + metric + ": " + dataName;
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 17), plot, true);
    chart.addSubtitle(new TextTitle(subtitle(), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private XYPlot subplot(List<Series> series, double xUpper, double yLower, double yUpper, String yLabel,
      boolean inLegend) {
    XYSeriesCollection data = new XYSeriesCollection();
    List<List<Point>> shown = new ArrayList<>();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name, false, true);
      List<Point> ps = new ArrayList<>();
      for (Point p : s.points) {
        Point q = p;
        if (p.x > xUpper) {
          q = new Point(xUpper - 0.6, p.y, p.label + String.format(Locale.ROOT, " (%,.0f bits)", p.x));
          q.pinnedRight = true;
        }
        xy.add(q.x, q.y);
        ps.add(q);
      }
      data.addSeries(xy);
      shown.add(ps);
    }
    NumberAxis y = new NumberAxis(yLabel);
    y.setRange(yLower, yUpper);
    y.setAutoRangeIncludesZero(false);
    PointRenderer renderer = new PointRenderer(shown, yLower, yUpper);
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      renderer.setSeriesPaint(i, s.color);
      renderer.setSeriesShape(i, s.shape);
      renderer.setSeriesLinesVisible(i, s.lines);
      renderer.setSeriesShapesVisible(i, true);
      renderer.setSeriesStroke(i, new BasicStroke(1.8f));
      renderer.setSeriesItemLabelsVisible(i, true);
      renderer.setSeriesItemLabelFont(i, labelFont);
      renderer.setSeriesItemLabelPaint(i, s.color.darker());
      renderer.setSeriesVisibleInLegend(i, inLegend);
    }
    renderer.setBaseItemLabelGenerator(renderer);
    renderer.setItemLabelAnchorOffset(5);
    XYPlot plot = new XYPlot(data, null, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    return plot;
  }

  private String subtitle() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "prequential (test-then-train), %,d instances; 0 = %s over the same instances; q2.m points"
            + " labelled with m", result.instances(), result.controlName()));
    if (!result.referenceNote().isEmpty()) {
      sb.append("\n").append(result.referenceNote()).append(" (plotted at the right edge when beyond it)");
    }
    return sb.toString();
  }

  private List<Series> buildSeries(boolean auc) {
    Series randomized = new Series("randomized rounding, q2.m + Morris 8-bit counts", new Color(0x1F77B4),
        new Ellipse2D.Double(-4, -4, 8, 8), true);
    Series nearest = new Series("nearest rounding, q2.m + Morris 8-bit counts", new Color(0xD62728),
        new Rectangle2D.Double(-4, -4, 8, 8), true);
    Series sparse = new Series("sparse map (q2.13 randomized + Morris 8), every feature stored",
        new Color(0x393B79), ShapeUtilities.createDiamond(6), false);
    Series poisson = new Series("sparse map + Poisson inclusion (p)", new Color(0x8C6D31),
        ShapeUtilities.createUpTriangle(5), true);
    Series bloom = new Series("sparse map + counting Bloom filter inclusion (n)", new Color(0x843C39),
        ShapeUtilities.createDownTriangle(5), true);
    List<Series> controls = new ArrayList<>();
    List<Series> references = new ArrayList<>();
    Color[] controlColors = {new Color(0x2CA02C), Color.BLACK, new Color(0x9467BD)};
    Shape[] controlShapes = {ShapeUtilities.createDiamond(7), ShapeUtilities.createUpTriangle(7),
        ShapeUtilities.createDownTriangle(7)};
    Color[] referenceColors = {new Color(0x8C564B), new Color(0x7F7F7F)};
    // the families beyond the paper's grid: one line per series, labelled with its points' labels
    java.util.Map<String, Series> lines = new java.util.LinkedHashMap<>();
    Color[] lineColors = {new Color(0xFF7F0E), new Color(0x17BECF), new Color(0xBCBD22), new Color(0xE377C2),
        new Color(0x9467BD), new Color(0x2CA02C)};
    Shape[] lineShapes = {ShapeUtilities.createUpTriangle(5), ShapeUtilities.createDiamond(5),
        new Rectangle2D.Double(-3.5, -3.5, 7, 7), ShapeUtilities.createDownTriangle(5),
        ShapeUtilities.createDiagonalCross(4, 1), ShapeUtilities.createRegularCross(4, 1)};
    for (TradeoffResult.Row r : result.rows()) {
      double x = r.bitsPerCoordinate();
      double y = auc ? r.relativeAucLossPct() : r.relativeLogLossPct();
      if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(y)) {
        continue;
      }
      switch (r.family()) {
        case RANDOMIZED: {
          Point p = new Point(x, y, Integer.toString(r.fractionBits()));
          p.zoom = r.fractionBits() >= 9;
          randomized.points.add(p);
          break;
        }
        case NEAREST: {
          Point p = new Point(x, y, Integer.toString(r.fractionBits()));
          p.labelClock = 6;
          nearest.points.add(p);
          break;
        }
        case INCLUSION: {
          TradeoffConfiguration c = TradeoffConfiguration.byName(r.configuration());
          Point p = new Point(x, y, c == null ? r.configuration() : c.pointLabel());
          p.zoom = true;
          p.labelClock = 3;
          String name = r.configuration();
          (name.contains("-poisson-") ? poisson : name.contains("-bloom-") ? bloom : sparse).points.add(p);
          break;
        }
        case COUNTER_BITS:
        case ADAPTIVE:
        case ADAPTIVE_GLOBAL: {
          TradeoffConfiguration c = TradeoffConfiguration.byName(r.configuration());
          Series s = lines.get(c.series());
          if (s == null) {
            int k = lines.size() % lineColors.length;
            s = new Series(c.series() + ", labelled with " + (r.family() == TradeoffConfiguration.Family.COUNTER_BITS
                ? "counter bits" : "bits per coordinate"), lineColors[k], lineShapes[k], true);
            lines.put(c.series(), s);
          }
          Point p = new Point(x, y, c.pointLabel());
          p.labelClock = r.family() == TradeoffConfiguration.Family.COUNTER_BITS ? 12 : 6;
          // the zoom shows what is near the control
          p.zoom = Math.abs(y) < 0.5;
          s.points.add(p);
          break;
        }
        case CONTROL: {
          int k = controls.size() % controlColors.length;
          Series s = new Series(TradeoffConfiguration.byName(r.configuration()).description(), controlColors[k],
              controlShapes[k], false);
          Point p = new Point(x, y, "");
          // The zoom shows what matches the control; the global rate is visible in the full panel.
          p.zoom = !r.configuration().startsWith("global");
          s.points.add(p);
          controls.add(s);
          break;
        }
        default: {
          int k = references.size() % referenceColors.length;
          String shortName = r.configuration().replaceFirst("^moa-", "");
          Series s = new Series(String.format(Locale.ROOT, "MOA %s (first %,d instances)", shortName,
              r.instances()), referenceColors[k], ShapeUtilities.createDiagonalCross(5, 1.5f), false);
          s.reference = true;
          Point p = new Point(x, y, shortName);
          p.labelClock = 3;
          s.points.add(p);
          references.add(s);
          break;
        }
      }
    }
    Comparator<Point> byX = Comparator.comparingDouble(p -> p.x);
    randomized.points.sort(byX);
    nearest.points.sort(byX);
    List<Series> all = new ArrayList<>();
    if (!randomized.points.isEmpty()) {
      all.add(randomized);
    }
    if (!nearest.points.isEmpty()) {
      all.add(nearest);
    }
    poisson.points.sort(byX);
    bloom.points.sort(byX);
    for (Series s : new Series[] {sparse, poisson, bloom}) {
      if (!s.points.isEmpty()) {
        all.add(s);
      }
    }
    for (Series s : lines.values()) {
      s.points.sort(byX);
      all.add(s);
    }
    all.addAll(controls);
    all.addAll(references);
    return all;
  }

  /**
   * Draws each point's own label at its own position (JFreeChart's per-series positions cannot tell a
   * point pinned to the right edge from the others).
   */
  private static final class PointRenderer extends XYLineAndShapeRenderer implements XYItemLabelGenerator {
    private static final long serialVersionUID = 1L;
    private final List<List<Point>> points;
    private final double yLower;
    private final double yUpper;

    PointRenderer(List<List<Point>> points, double yLower, double yUpper) {
      this.points = points;
      this.yLower = yLower;
      this.yUpper = yUpper;
    }

    /** The point's label; none for points outside the panel (a label without its point misleads). */
    @Override
    public String generateLabel(XYDataset dataset, int series, int item) {
      Point p = points.get(series).get(item);
      return p.label.isEmpty() || p.y < yLower || p.y > yUpper ? null : p.label;
    }

    @Override
    public ItemLabelPosition getPositiveItemLabelPosition(int series, int item) {
      Point p = points.get(series).get(item);
      int clock = p.pinnedRight ? 9 : p.labelClock;
      switch (clock) {
        case 6: return new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER);
        case 3: return new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT);
        case 9: return new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT);
        default: return new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER);
      }
    }

    @Override
    public ItemLabelPosition getNegativeItemLabelPosition(int series, int item) {
      return getPositiveItemLabelPosition(series, item);
    }
  }
}
