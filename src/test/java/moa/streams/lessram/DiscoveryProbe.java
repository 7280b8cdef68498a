package moa.streams.lessram;

import moa.core.AutoClassDiscovery;
import moa.streams.InstanceStream;

/**
 * Prints the stream classes MOA's class discovery finds under {@code moa.streams}, one per line.
 * Run in a fresh JVM by {@link MoaIntegrationTest}: the discovery scans {@code java.class.path},
 * which under Maven's test runner is a single manifest jar, so in-process it only sees MOA's
 * fixed class list.
 */
public final class DiscoveryProbe {

    private DiscoveryProbe() {
    }

    public static void main(String[] args) {
        for (Class<?> c : AutoClassDiscovery.findClassesOfType("moa.streams", InstanceStream.class)) {
            System.out.println(c.getName());
        }
    }
}
