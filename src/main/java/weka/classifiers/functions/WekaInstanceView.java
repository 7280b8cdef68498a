package weka.classifiers.functions;

import weka.core.Instance;
import lessram.HostInstanceView;

/** A Weka instance as the learning session reads it. */
final class WekaInstanceView extends HostInstanceView<Instance> {
  /** A view to bind per call. */
  WekaInstanceView() {
  }

  /** A view of one instance. */
  WekaInstanceView(Instance instance) {
    super(instance);
  }

  @Override
  public int numValues() {
    return instance.numValues();
  }

  @Override
  public int index(int p) {
    return instance.index(p);
  }

  @Override
  public double value(int p) {
    return instance.valueSparse(p);
  }

  @Override
  public double weight() {
    return instance.weight();
  }

  @Override
  public double classValue() {
    return instance.classValue();
  }
}
