package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import moa.evaluation.preview.LearningCurve;
import moa.options.ClassOption;
import moa.streams.ExampleStream;
import moa.streams.InstanceStream;
import moa.tasks.EvaluatePrequential;
import moa.tasks.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streams inside MOA's own tasks, option parsing and class discovery. */
class MoaIntegrationTest {

    @TempDir
    Path dir;

    private static double lastMeasurement(LearningCurve curve, String name) {
        for (int m = 0; m < curve.getMeasurementNameCount(); m++) {
            if (curve.getMeasurementName(m).equals(name)) {
                return curve.getMeasurement(curve.numEntries() - 1, m);
            }
        }
        throw new AssertionError("no measurement " + name + " in " + curve.headerToString());
    }

    private static LearningCurve prequential(String options) {
        EvaluatePrequential task = new EvaluatePrequential();
        task.getOptions().setViaCLIString(options);
        task.prepareForUse();
        Object result = task.doTask();
        return assertInstanceOf(LearningCurve.class, result);
    }

    @Test
    void evaluatePrequentialRunsNaiveBayesOnTheGenerator() {
        // NaiveBayes does O(attributes) work per instance: keep 2^10 attributes
        LearningCurve curve = prequential("-l bayes.NaiveBayes"
                + " -s (lessram.SparseClickStreamGenerator -b 10 -r 3)"
                + " -e BasicClassificationPerformanceEvaluator -i 5000 -f 1000");
        assertEquals(5, curve.numEntries());
        assertEquals(5000, lastMeasurement(curve, "classified instances"));
        double accuracy = lastMeasurement(curve, "classifications correct (percent)");
        assertTrue(accuracy > 50 && accuracy <= 100, "accuracy " + accuracy);
    }

    @Test
    void evaluatePrequentialRunsPerceptronOnALibSvmFile() throws IOException {
        // a linearly separable problem over 200 sparse features
        Random random = new Random(3);
        double[] truth = new double[201];
        for (int j = 1; j <= 200; j++) {
            truth[j] = random.nextGaussian();
        }
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 4000; line++) {
            StringBuilder features = new StringBuilder();
            double score = 0;
            for (int j = 1; j <= 200; j++) {
                if (random.nextInt(20) == 0) {
                    double v = random.nextDouble();
                    score += truth[j] * v;
                    features.append(' ').append(j).append(':').append(v);
                }
            }
            sb.append(score > 0 ? "+1" : "-1").append(features).append('\n');
        }
        Path file = dir.resolve("linear.svm");
        Files.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
        LearningCurve curve = prequential("-l functions.Perceptron"
                + " -s (lessram.LibSvmFileStream -f " + file + " -d 200)"
                + " -e BasicClassificationPerformanceEvaluator -i 100000 -f 1000");
        assertEquals(4000, lastMeasurement(curve, "classified instances"), "the task stops at the end of the file");
        double accuracy = lastMeasurement(curve, "classifications correct (percent)");
        assertTrue(accuracy > 75, "accuracy " + accuracy);
    }

    /**
     * The same prequential run through MOA's ArffFileStream and ours: identical learning curves,
     * also while undeclared labels grow the header (NaiveBayes carries on with them).
     */
    @Test
    void evaluatePrequentialGivesTheSameCurveAsMoasArffFileStream() throws IOException {
        String content = SparseArffFileStreamTest.randomArff(new Random(21), 3000, true);
        Path file = dir.resolve("random.arff");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        for (String learner : new String[] {"bayes.NaiveBayes", "trees.HoeffdingTree"}) {
            String rest = " -e BasicClassificationPerformanceEvaluator -i 100000 -f 500";
            LearningCurve moa = prequential("-l " + learner + " -s (ArffFileStream -f " + file + ")" + rest);
            LearningCurve ours = prequential("-l " + learner + " -s (lessram.SparseArffFileStream -f " + file + ")" + rest);
            assertTrue(lastMeasurement(ours, "classified instances") > 2900); // instances without a class are not counted
            assertEquals(moa.numEntries(), ours.numEntries());
            for (String measure : new String[] {"classified instances", "classifications correct (percent)",
                "Kappa Statistic (percent)"}) {
                for (int row = 0; row < moa.numEntries(); row++) {
                    assertEquals(measurement(moa, row, measure), measurement(ours, row, measure), learner + " " + measure);
                }
            }
        }
    }

    private static double measurement(LearningCurve curve, int row, String name) {
        for (int m = 0; m < curve.getMeasurementNameCount(); m++) {
            if (curve.getMeasurementName(m).equals(name)) {
                return curve.getMeasurement(row, m);
            }
        }
        throw new AssertionError("no measurement " + name);
    }

    @Test
    void cliNamesResolveUnderMoaStreams() throws Exception {
        Object generator = ClassOption.cliStringToObject("lessram.SparseClickStreamGenerator -b 12 -f 7",
                ExampleStream.class, null);
        SparseClickStreamGenerator g = assertInstanceOf(SparseClickStreamGenerator.class, generator);
        assertEquals(12, g.hashBitsOption.getValue());
        assertEquals(7, g.numFieldsOption.getValue());
        Object file = ClassOption.cliStringToObject("lessram.LibSvmFileStream -b 5 -m skip",
                ExampleStream.class, null);
        LibSvmFileStream f = assertInstanceOf(LibSvmFileStream.class, file);
        assertEquals("skip", f.malformedLinesOption.getChosenLabel());
        Object arff = ClassOption.cliStringToObject("lessram.SparseArffFileStream -c 2 -m skip",
                ExampleStream.class, null);
        SparseArffFileStream a = assertInstanceOf(SparseArffFileStream.class, arff);
        assertEquals(2, a.classIndexOption.getValue());
        assertEquals("skip", a.malformedLinesOption.getChosenLabel());

        Task task = (Task) ClassOption.cliStringToObject(
                "EvaluatePrequential -s (lessram.SparseClickStreamGenerator -b 12)", Task.class, null);
        EvaluatePrequential prequential = assertInstanceOf(EvaluatePrequential.class, task);
        assertEquals("lessram.SparseClickStreamGenerator -b 12", prequential.streamOption.getValueAsCLIString());
    }

    /**
     * Runs {@code mainClass} in a fresh JVM on the project's classes and test dependencies, as a
     * user runs MOA, and returns its output.
     */
    private static String runJava(String mainClass, String... args) throws IOException, InterruptedException {
        String classpathFile = System.getProperty("lessram.classpathFile");
        String buildDir = System.getProperty("lessram.buildDir");
        assumeTrue(classpathFile != null && buildDir != null, "run through Maven");
        String classpath = Paths.get(buildDir, "classes") + File.pathSeparator
                + Paths.get(buildDir, "test-classes") + File.pathSeparator
                + new String(Files.readAllBytes(Paths.get(classpathFile)), StandardCharsets.UTF_8).trim();
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return output;
    }

    /** What the MOA GUI lists: its class discovery scans the class path for classes under moa.streams. */
    @Test
    void moaClassDiscoveryListsBothStreams() throws IOException, InterruptedException {
        List<String> names = Arrays.asList(runJava(DiscoveryProbe.class.getName()).split("\\R"));
        assertTrue(names.contains(LibSvmFileStream.class.getName()), names.toString());
        assertTrue(names.contains(SparseClickStreamGenerator.class.getName()), names.toString());
        assertTrue(names.contains(SparseArffFileStream.class.getName()), names.toString());
        assertTrue(names.contains("moa.streams.generators.RandomTreeGenerator"), names.toString());
    }

    /** {@code moa.DoTask} as a user runs it; it exits 0 even on failure, so read its output. */
    @Test
    void doTaskCommandLine() throws IOException, InterruptedException {
        String output = runJava("moa.DoTask",
                "EvaluatePrequential -l bayes.NaiveBayes -s (lessram.SparseClickStreamGenerator -b 10 -r 2)"
                        + " -e BasicClassificationPerformanceEvaluator -i 3000 -f 1000");
        assertTrue(output.contains("learning evaluation instances"), output);
        assertTrue(output.contains("\n3000.0,"), output);
    }
}
