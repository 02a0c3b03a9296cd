package io.cellar.tools.bench;

import io.cellar.lsm.cache.BlockCache;
import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH state: the {@link ReadFixture} region of {@code cells} cells, block cache warm. */
@State(Scope.Benchmark)
public class ReadFixtureState {
  @Param({"5000000"})
  public long cells;

  EmbeddedRegion region;

  @Setup(Level.Trial)
  public void open() throws IOException {
    region = ReadFixture.open(cells);
    ReadFixture.warmAndCheck(region, cells);
    BlockCache cache = region.services().getBlockCache();
    System.err.printf("Block cache after warming: %,d blocks, %,d bytes, %,d misses%n",
        cache.getBlockCount(), cache.getSizeBytes(), cache.getMissCount());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    BlockCache cache = region.services().getBlockCache();
    System.err.printf("Block cache at the end: %,d hits, %,d misses%n", cache.getHitCount(),
        cache.getMissCount());
    region.close();
  }
}
