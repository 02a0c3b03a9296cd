package io.cellar.tools.bench;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.memstore.MemStore;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MemStore insert of random 16-byte keys with 100-byte values, against its bound: a bare
 * {@code ConcurrentSkipListMap<byte[], byte[]>} ordered by {@code Arrays::compareUnsigned}.
 * Both start empty at every iteration, so both index the same number of entries. Each baseline
 * insert stores its own copy of the value (a map that owns its data, as the memstore must); each
 * memstore insert builds the KeyValue a region would hand it.
 *
 * <p>The memstore is built exactly as a {@code Store} builds it in production:
 * {@link MemStore#withBackgroundCompaction()}, so the flattening of every 128 k cells into a flat
 * segment and the merging of flat segments run on the shared background compactor thread, not in
 * the writer. That work is still paid for on this machine: with 1 writer it takes CPU on the
 * other core (the bare skip list has no such work), with 2 writers it competes with them for
 * the 2 cores, so the 2-thread figure includes it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class MemStoreInsertBenchmark {
  private final byte[] value = BenchData.value(1);
  private final AtomicLong seqIds = new AtomicLong();
  private MemStore memStore;
  private ConcurrentSkipListMap<byte[], byte[]> skipList;

  @Setup(Level.Iteration)
  public void freshMaps() {
    memStore = MemStore.withBackgroundCompaction();
    skipList = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  }

  private void insertIntoMemStore() {
    KeyValue kv = KeyValue.create(BenchData.randomKey(), BenchData.FAMILY, BenchData.QUALIFIER,
        System.currentTimeMillis(), CellType.PUT, value);
    memStore.add(kv, seqIds.incrementAndGet());
  }

  private void insertIntoSkipList() {
    skipList.put(BenchData.randomKey(), value.clone());
  }

  @Benchmark
  @Threads(1)
  public void memStore_1t() {
    insertIntoMemStore();
  }

  @Benchmark
  @Threads(2)
  public void memStore_2t() {
    insertIntoMemStore();
  }

  @Benchmark
  @Threads(1)
  public void skipListBaseline_1t() {
    insertIntoSkipList();
  }

  @Benchmark
  @Threads(2)
  public void skipListBaseline_2t() {
    insertIntoSkipList();
  }
}
