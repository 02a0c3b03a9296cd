package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process mid-write loses no acknowledged SYNC_WAL entry. */
class WalProcessKillTest {
  @TempDir Path root;

  @Test
  void everyAcknowledgedEntrySurvivesKill9() throws Exception {
    int frame = TestEntries.entry("r1", 1).getEncodedSize();
    long rollSize = SegmentFile.HEADER_SIZE + 300L * frame; // several rolls before the kill
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx128m",
        CrashingWalWriter.class.getName(), root.toString(), Long.toString(rollSize))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Set<Long> acked = new HashSet<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while (acked.size() < 3000 && (line = in.readLine()) != null) {
        acked.add(Long.parseLong(line.trim()));
      }
      p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroy, keeps our pipe open
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      while ((line = in.readLine()) != null) { // acks printed before the kill landed
        if (!line.isBlank()) {
          acked.add(Long.parseLong(line.trim()));
        }
      }
    }
    assertTrue(acked.size() >= 3000, "child acknowledged only " + acked.size());

    Path walDir = WalConfig.walDir(root, "crashing");
    Set<Long> replayed = new HashSet<>();
    ReplayResult res = WalReplayer.replay(walDir, e -> true,
        e -> replayed.add(e.getSequenceId()));
    assertTrue(res.corruptions().isEmpty(), res.corruptions().toString());
    Set<Long> lost = new HashSet<>(acked);
    lost.removeAll(replayed);
    assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);
    assertTrue(SegmentFile.list(walDir).size() > 3, "rolled " + SegmentFile.list(walDir));

    // A split of the crashed server's directory carries the same entries.
    Set<Long> split = new HashSet<>();
    SplitResult sr = new WalSplitter(root.resolve("archive"))
        .split(walDir, (table, region) -> root.resolve("regions").resolve(region));
    for (String region : List.of("r0", "r1", "r2")) {
      RecoveredEdits.replay(root.resolve("regions").resolve(region), region, -1,
          e -> split.add(e.getSequenceId()));
    }
    assertTrue(split.containsAll(acked));
    assertTrue(sr.damages().stream().allMatch(SegmentDamage::isTornTail));
  }
}
