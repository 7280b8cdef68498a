package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.MIXED;
import static moa.classifiers.lessram.LessRamTestSupport.MULTICLASS;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.WAVEFORM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code trainOnInstance} right after {@code getVotesForInstance} on the same instance reuses the
 * prediction's encoding and probabilities: the models must be bit-identical to training without asking
 * for votes, and an instance modified between the two calls must be encoded afresh.
 */
class PrequentialReuseTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = ';', value = {
      AC + "; generators.RandomRBFGenerator",
      RR + "; generators.RandomRBFGenerator",
      AC + "; " + MIXED,
      AC + " -z maxabs; " + MIXED,
      AC + " -z none; " + MIXED,
      RR + "; " + MULTICLASS,
      AC + "; " + WAVEFORM,
      AC + " -p -m float64 -c exact; sparse",
  })
  void votesFirstOrNotTheModelsAreIdentical(String cli, String stream) {
    List<Instance> data = stream.equals("sparse")
        ? LessRamTestSupport.sparseInstances(5, 3000, 200, 8)
        : LessRamTestSupport.instances(stream, 3000);
    InstancesHeader header = (InstancesHeader) data.get(0).dataset();
    AbstractLessRamClassifier prequential = LessRamTestSupport.prepared(cli, header);
    AbstractLessRamClassifier trainOnly = LessRamTestSupport.prepared(cli, header);
    for (int i = 0; i < data.size(); i++) {
      Instance inst = data.get(i);
      if (i % 7 != 3) {
        prequential.getVotesForInstance(inst);
      }
      prequential.trainOnInstance(inst);
      trainOnly.trainOnInstance(inst);
      if (i % 97 == 0) {
        assertArrayEquals(trainOnly.getVotesForInstance(inst), prequential.getVotesForInstance(inst), 0.0,
            "instance " + i);
      }
    }
    assertArrayEquals(LessRamTestSupport.serialize(trainOnly.getEngineModel()),
        LessRamTestSupport.serialize(prequential.getEngineModel()));
    assertEquals(trainOnly.getEncoder().missingValues(), prequential.getEncoder().missingValues());
    for (Instance inst : data.subList(0, 200)) {
      assertArrayEquals(trainOnly.getVotesForInstance(inst), prequential.getVotesForInstance(inst), 0.0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({AC, RR})
  void anInstanceModifiedBetweenVotesAndTrainingIsEncodedAgain(String cli) {
    assertSameModelAsWithoutVotes(cli, (data, i) -> data.get(i).copy(), (data, i, voted) -> {
      voted.setValue(i % 10, data.get(i + 1).value(i % 10)); // the same object, another value
      return voted;
    });
  }

  /**
   * Training on another instance than the one just predicted: an equal copy may reuse the prediction (same
   * values, same encoding), a different instance is encoded afresh; either way the model is the one
   * trained without votes.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({AC, RR})
  void trainingOnAnotherInstanceThanThePredictedOne(String cli) {
    assertSameModelAsWithoutVotes(cli, List::get,
        (data, i, voted) -> i % 2 == 0 ? data.get(i).copy() : data.get(i + 1));
  }

  /**
   * An instance whose entries are out of attribute order (a sparse instance listing attribute 1 before
   * attribute 0, among dense instances) gets the votes of its general encoding: the dense row path must
   * not take entry {@code a} for attribute {@code a}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({AC, RR})
  void entriesOutOfAttributeOrderAreNotReadAsADenseRow(String cli) {
    List<Instance> data = LessRamTestSupport.instances("generators.RandomRBFGenerator", 3000);
    InstancesHeader header = (InstancesHeader) data.get(0).dataset();
    AbstractLessRamClassifier learner = LessRamTestSupport.prepared(cli, header);
    int n = header.numAttributes();
    for (int i = 0; i < data.size(); i++) {
      Instance inst = data.get(i);
      if (i % 3 == 0) {
        int[] indices = new int[n];
        double[] values = new double[n];
        for (int a = 0; a < n; a++) {
          indices[a] = a < 2 ? 1 - a : a;
          values[a] = inst.value(indices[a]);
        }
        inst = new SparseInstance(inst.weight(), values, indices, n);
        inst.setDataset(header);
      }
      double[] votes = learner.getVotesForInstance(inst);
      int k = learner.encodeForPrediction(inst);
      double[] general = learner.getEngineModel().probabilities(learner.getEncoder().ids(),
          learner.getEncoder().values(), k);
      assertArrayEquals(general, votes, 0.0, "instance " + i);
      learner.trainOnInstance(inst);
    }
  }

  /** Picks the instance to vote on at step {@code i}. */
  interface Voted {
    Instance at(List<Instance> data, int i);
  }

  /** Gives the instance to train on at step {@code i}, after the votes on {@code voted}. */
  interface TrainedAfterVotes {
    Instance at(List<Instance> data, int i, Instance voted);
  }

  /**
   * On RandomRBF instances, a learner that votes before each training step ends with the same model as
   * one that only trains on the same instances.
   */
  private static void assertSameModelAsWithoutVotes(String cli, Voted voted, TrainedAfterVotes trained) {
    List<Instance> data = LessRamTestSupport.instances("generators.RandomRBFGenerator", 2000);
    InstancesHeader header = (InstancesHeader) data.get(0).dataset();
    AbstractLessRamClassifier withVotes = LessRamTestSupport.prepared(cli, header);
    AbstractLessRamClassifier fresh = LessRamTestSupport.prepared(cli, header);
    for (int i = 0; i + 1 < data.size(); i++) {
      Instance v = voted.at(data, i);
      withVotes.getVotesForInstance(v);
      Instance t = trained.at(data, i, v);
      withVotes.trainOnInstance(t);
      fresh.trainOnInstance(t);
    }
    assertArrayEquals(LessRamTestSupport.serialize(fresh.getEngineModel()),
        LessRamTestSupport.serialize(withVotes.getEngineModel()));
  }
}
