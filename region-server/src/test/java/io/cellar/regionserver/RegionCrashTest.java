package io.cellar.regionserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Get;
import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM (kill -9 style) several times at random moments, each round
 * reopening the same region directory, then checks that every put the children acknowledged is
 * readable.
 */
class RegionCrashTest {
  @TempDir Path root;

  @Test
  void everyAcknowledgedSyncWalPutSurvivesRepeatedKills() throws Exception {
    Random rnd = new Random(42);
    List<String> acked = new ArrayList<>();
    int rounds = 3;
    for (int round = 0; round < rounds; round++) {
      int killAfter = 200 + rnd.nextInt(400);
      acked.addAll(runAndKill("round" + round, killAfter));
    }
    assertTrue(acked.size() >= rounds * 200, "acks: " + acked.size());
    try (RegionServices s = RegionServices.local(root, new Configuration())) {
      Region r = Region.open(CrashTestWriter.REGION, CrashTestWriter.TABLE, s);
      for (String row : acked) {
        Result res = r.get(new Get(Bytes.toBytes(row)));
        assertEquals(row, res.isEmpty() ? "<missing " + row + ">"
            : Bytes.toString(res.getValue(Bytes.toBytes("cf2"), Bytes.toBytes("q"))));
        assertEquals(200, res.getValue(Bytes.toBytes("cf1"), Bytes.toBytes("q")).length);
      }
      r.close();
    }
  }

  /** Starts a child writer, reads its acks, kills it after {@code killAfter}; returns the acks. */
  private List<String> runAndKill(String prefix, int killAfter) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrashTestWriter.class.getName(),
        root.toString(), prefix);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> acks = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = in.readLine();
      assertEquals("READY", line, "child did not open the region");
      while ((line = in.readLine()) != null) {
        acks.add(line);
        if (acks.size() >= killAfter) {
          p.destroyForcibly();
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
    }
    assertTrue(acks.size() >= killAfter, "child stopped early after " + acks.size() + " acks");
    return acks;
  }
}
