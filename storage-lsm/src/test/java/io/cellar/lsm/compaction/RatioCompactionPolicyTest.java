package io.cellar.lsm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.conf.Configuration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each case lists file sizes oldest first and the sizes the policy must select
 * (min 3, max 5 files, ratio 1.2, min compact size 10, blocking at 8 files).
 */
class RatioCompactionPolicyTest {
  private static final long NOW = 1_000_000_000L;

  record FakeFile(String name, long size, long seq, boolean major, long created)
      implements CompactionCandidate {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public long getFileSize() {
      return size;
    }

    @Override
    public long getMaxSequenceId() {
      return seq;
    }

    @Override
    public boolean isMajorCompacted() {
      return major;
    }

    @Override
    public long getCreationTimeMillis() {
      return created;
    }
  }

  private static RatioCompactionPolicy policy(long majorPeriod) {
    Configuration c = new Configuration()
        .setInt(CompactionConfig.MIN_FILES, 3)
        .setInt(CompactionConfig.MAX_FILES, 5)
        .set(CompactionConfig.RATIO, "1.2")
        .setLong(CompactionConfig.MIN_SIZE, 10)
        .setLong(CompactionConfig.MAX_SIZE, 1000)
        .setInt(CompactionConfig.BLOCKING_FILES, 8)
        .setLong(CompactionConfig.MAJOR_PERIOD_MS, majorPeriod);
    return new RatioCompactionPolicy(CompactionConfig.from(c));
  }

  private static List<FakeFile> files(long... sizes) {
    List<FakeFile> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(new FakeFile("f" + i, sizes[i], i + 1, false, NOW - 1000));
    }
    return out;
  }

  static Stream<Arguments> minorCases() {
    return Stream.of(
        // sizes oldest first -> selected sizes ("" = nothing)
        Arguments.of("200 60 23 12 12", "23 12 12"),   // 200 > 1.2*107, 60 > 1.2*47, 23 <= 28.8
        Arguments.of("100 25 12 12", "25 12 12"),
        Arguments.of("50 10 10", ""),                  // 50 > 1.2*20; then only 2 files left
        Arguments.of("9 9", ""),                       // too few files
        Arguments.of("5 5 5", "5 5 5"),                // all small: all files (major)
        Arguments.of("1000 100 100 100", "100 100 100"),
        Arguments.of("30 20 10", "30 20 10"),          // 30 <= 1.2*30
        Arguments.of("40 20 10", ""),                  // 40 > 36; then only 2 files left
        Arguments.of("5 5 5 5 5 5 5", "5 5 5 5 5"),    // capped at max 5, oldest first
        Arguments.of("2000 5 5 5", "5 5 5"),           // over max size: never in a minor
        Arguments.of("5 5 2000 5 5", ""),              // the run after the big file is too short
        // 8 files = blocking: the ratio rule picks nothing, so the newest max files go anyway.
        Arguments.of("10000 4000 1600 640 256 100 40 16", "640 256 100 40 16"),
        Arguments.of("10000 4000 1600 640 256 100 40", ""));  // 7 files: not blocking yet
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @MethodSource("minorCases")
  void selectsByRatio(String sizes, String expected) {
    List<FakeFile> fs = files(parse(sizes));
    Optional<CompactionRequest<FakeFile>> r = policy(0).select(fs, Set.of(), false, NOW);
    assertEquals(expected, r.map(RatioCompactionPolicyTest::sizes).orElse(""));
    r.ifPresent(req -> {
      assertEquals(req.getFiles().size() == fs.size(), req.isAllFiles());
      assertEquals(req.isAllFiles(), req.isMajor());
      assertFalse(req.isRequestedMajor());
    });
  }

  @Test
  void filesBeingCompactedAndOlderOnesAreNotCandidates() {
    List<FakeFile> fs = files(5, 5, 5, 5, 5, 5);
    RatioCompactionPolicy p = policy(0);
    Optional<CompactionRequest<FakeFile>> r = p.select(fs, Set.of(fs.get(1)), false, NOW);
    assertEquals(List.of("f2", "f3", "f4", "f5"), names(r.orElseThrow()));
    assertFalse(r.get().isAllFiles());
    assertTrue(p.select(fs, Set.of(fs.get(3)), false, NOW).isEmpty()); // 2 newer files only
  }

  @Test
  void forcedMajorTakesAllFilesButWaitsForARunningCompaction() {
    List<FakeFile> fs = files(1000, 10);
    RatioCompactionPolicy p = policy(0);
    CompactionRequest<FakeFile> r = p.select(fs, Set.of(), true, NOW).orElseThrow();
    assertEquals(List.of("f0", "f1"), names(r));
    assertTrue(r.isMajor());
    assertTrue(r.isRequestedMajor());
    assertEquals(1010, r.getTotalSize());
    assertEquals(2, r.getMaxSequenceId());
    assertTrue(p.select(fs, Set.of(fs.get(1)), true, NOW).isEmpty());
    // Even one file: a forced major compaction purges its delete markers.
    assertTrue(p.select(files(7), Set.of(), true, NOW).orElseThrow().isMajor());
  }

  @Test
  void periodicMajorCompactionIsDueByAgeOfTheOldestFile() {
    RatioCompactionPolicy p = policy(500);
    List<FakeFile> young = List.of(new FakeFile("a", 100, 1, false, NOW - 100),
        new FakeFile("b", 10, 2, false, NOW - 50));
    List<FakeFile> old = List.of(new FakeFile("a", 100, 1, false, NOW - 600),
        new FakeFile("b", 10, 2, false, NOW - 50));
    assertFalse(p.isMajorCompactionDue(young, NOW));
    assertTrue(p.isMajorCompactionDue(old, NOW));
    assertTrue(p.select(old, Set.of(), false, NOW).orElseThrow().isMajor());
    // A lone major-compacted file has nothing to gain from being rewritten again.
    assertFalse(p.isMajorCompactionDue(List.of(new FakeFile("a", 1, 1, true, 0)), NOW));
    assertFalse(policy(0).isMajorCompactionDue(old, NOW));
  }

  @Test
  void needsCompactionCountsFilesNotAlreadyCompacting() {
    List<FakeFile> fs = files(1, 1, 1, 1);
    RatioCompactionPolicy p = policy(0);
    assertTrue(p.needsCompaction(fs, Set.of()));
    assertFalse(p.needsCompaction(fs, Set.of(fs.get(0), fs.get(1))));
  }

  private static long[] parse(String sizes) {
    return sizes.isBlank() ? new long[0]
        : Arrays.stream(sizes.trim().split(" +")).mapToLong(Long::parseLong).toArray();
  }

  private static String sizes(CompactionRequest<FakeFile> r) {
    return r.getFiles().stream().map(f -> Long.toString(f.size())).collect(Collectors.joining(" "));
  }

  private static List<String> names(CompactionRequest<FakeFile> r) {
    return r.getFiles().stream().map(FakeFile::name).collect(Collectors.toList());
  }
}
