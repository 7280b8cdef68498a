package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.BINARY;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.instances;
import static moa.classifiers.lessram.LessRamTestSupport.measurement;
import static moa.classifiers.lessram.LessRamTestSupport.prepared;
import static moa.classifiers.lessram.LessRamTestSupport.sparseInstances;
import static moa.classifiers.lessram.LessRamTestSupport.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.List;
import moa.core.SizeOf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sizeof.agent.SizeOfAgent;

/**
 * The learners' own memory accounting ("model bytes") against MOA's SizeOf agent, which the build puts
 * on the test JVM ({@code -javaagent} in the surefire configuration).
 */
class MemoryMeasurementTest {

  @BeforeAll
  static void agentIsLoaded() {
    assertTrue(SizeOf.fullSizeOf(new long[16]) > 0,
        "the SizeOf agent is not loaded: run the tests with -javaagent:<sizeofag jar> (mvn test does)");
  }

  private static long agent(Object o) {
    return SizeOfAgent.fullSizeOf(o);
  }

  private static void assertWithin(double fraction, long expected, long actual, String what) {
    assertTrue(Math.abs(expected - actual) <= fraction * expected,
        what + ": agent " + expected + " bytes, accounted " + actual + " bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      AC + " -h 16", AC + " -h 16 -m float32", AC + " -h 16 -c exact", AC + " -h 15 -m float64",
      RR + " -h 16", RR + " -h 16 -m nearest -f 6", AC + " -h 16 -f 9 -b 6",
      AC + " -p", RR + " -p", AC, RR + " -m float32"})
  void modelBytesAgreeWithTheAgent(String cli) {
    List<Instance> data = sparseInstances(3, 4000, 1 << 16, 20);
    AbstractLessRamClassifier learner = prepared(cli, (InstancesHeader) data.get(0).dataset());
    train(learner, data);
    long measured = agent(learner.getEngineModel()) + agent(learner.getEncoder());
    assertWithin(0.03, measured, learner.modelBytes(), cli);
    assertEquals(learner.modelBytes(), measurement(learner, "model bytes"));
  }

  @Test
  void wholeLearnerMeasuredByMoaIsDominatedByTheModel() {
    // MOA's "model serialized size" is the agent's measure of the whole learner (options, header too)
    List<Instance> data = instances(BINARY, 2000);
    AbstractLessRamClassifier learner = prepared(AC + " -h 18", (InstancesHeader) data.get(0).dataset());
    train(learner, data);
    long whole = learner.measureByteSize();
    assertEquals(SizeOf.fullSizeOf(learner), whole);
    assertWithin(0.03, whole, learner.modelBytes(), "whole learner");
    // the paper's 24 bits: q2.13 + 8-bit Morris counter, 3 bytes per coordinate as measured, plus a fixed
    // overhead (options, header, session, counter and codec tables) well below 16 KiB
    long coordinates = learner.getEngineModel().numCoordinates();
    assertTrue(whole - 3 * coordinates <= 16 * 1024, "fixed overhead " + (whole - 3 * coordinates) + " bytes");
    double accounted = measurement(learner, "bytes per stored coordinate");
    assertTrue(accounted <= 3.05, "accounted bytes per stored coordinate " + accounted);
  }

  @Test
  void globalRateQ213CostsTwoBytesPerCoordinate() {
    List<Instance> data = instances(BINARY, 500);
    AbstractLessRamClassifier learner = prepared(RR + " -h 18", (InstancesHeader) data.get(0).dataset());
    train(learner, data);
    double perCoordinate = (double) learner.measureByteSize() / learner.getEngineModel().numCoordinates();
    assertTrue(perCoordinate <= 2.05, "bytes per coordinate " + perCoordinate);
    assertEquals(16, measurement(learner, "bits per coordinate"));
  }

  @Test
  void aWideAllNumericHeaderCostsTheEncoderNoMemoryPerAttribute() {
    // a direct table over 2^16 attributes: 3 bytes per coordinate; the encoder stays small
    List<Instance> data = sparseInstances(4, 200, 1 << 16, 20);
    AbstractLessRamClassifier learner = prepared(AC, (InstancesHeader) data.get(0).dataset());
    train(learner, data);
    assertTrue(agent(learner.getEncoder()) < 2000, "encoder " + agent(learner.getEncoder()) + " bytes");
    long model = agent(learner.getEngineModel());
    long coordinates = learner.getEngineModel().numCoordinates();
    // 3 bytes per coordinate plus a fixed part (object headers, tabulated Morris rates)
    assertTrue(model <= 3 * coordinates + 16 * 1024, model + " bytes for " + coordinates + " coordinates");
  }
}
